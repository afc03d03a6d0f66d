package nl.iwa.hub.transport;

/**
 * Takes part in every transaction the {@link TransactionalPublisher} writes, without the transport knowing what for:
 * with the decide topology every audit chain has one writer, its task, so an audit record the rest of the hub writes
 * goes to that task as a command instead of onto the audit topic.
 */
@FunctionalInterface
public interface TransactionParticipant {

    /** Where a record of the transaction goes: where it was addressed, or elsewhere (an audit record: a command). */
    Outbound route(Outbound out);
}
