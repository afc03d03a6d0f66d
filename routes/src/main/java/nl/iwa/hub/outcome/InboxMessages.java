package nl.iwa.hub.outcome;

import java.time.Clock;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.policy.FlowPolicy;
import nl.iwa.hub.transport.MessageIds;

/**
 * The envelopes of everything the hub puts in a partner's inbox. Message ids are derived from what caused the
 * message, so a retried write carries the same id and a receiver can drop the duplicate.
 */
final class InboxMessages {

    private final Clock clock;

    InboxMessages(Clock clock) {
        this.clock = clock;
    }

    /** A delivery of {@code m} to {@code receiver} under {@code policy}: the sender is its origin. */
    InboxMessage delivery(OutboxMessage m, String receiver, FlowPolicy policy, Object body) {
        return InboxMessage.newBuilder()
                .setMessageId(MessageIds.delivery(m.getSenderPartnerId(), m.getMessageId(), receiver))
                .setCorrelationId(m.getCorrelationId())
                .setCausationId(m.getMessageId())
                .setOriginPartnerId(m.getSenderPartnerId())
                .setReceiverPartnerId(receiver)
                .setCreatedAt(clock.instant())
                .setPurpose(m.getPurpose())
                .setLegalBasis(policy.legalBasis())
                .setPolicyId(policy.id())
                .setBody(body)
                .build();
    }

    /** A message from the hub itself (a rejection, a withdrawal notice) about one outbox record. */
    InboxMessage fromHub(String messageId, String correlationId, String causationId, String receiver, Object body) {
        return InboxMessage.newBuilder()
                .setMessageId(messageId)
                .setCorrelationId(correlationId)
                .setCausationId(causationId)
                .setOriginPartnerId(Partner.HUB)
                .setReceiverPartnerId(receiver)
                .setCreatedAt(clock.instant())
                .setBody(body)
                .build();
    }

    /** A message about a handoff (a status relay, an escalation); {@code role} makes its id unique per handoff. */
    InboxMessage aboutHandoff(HandoffRecord record, String to, String role, String causationId, String origin, Object body) {
        return InboxMessage.newBuilder()
                .setMessageId(MessageIds.derive(record.getHandoffId() + "/" + role + "/" + to))
                .setCorrelationId(record.getCorrelationId())
                .setCausationId(causationId)
                .setOriginPartnerId(origin)
                .setReceiverPartnerId(to)
                .setCreatedAt(clock.instant())
                .setPurpose(record.getPurpose())
                .setPolicyId(record.getPolicyId())
                .setBody(body)
                .build();
    }
}
