package nl.iwa.hub.outcome;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.transport.Outbound;

/**
 * Every audit record the hub writes, unsealed: the publisher links it into the hash chain right before writing
 * it. Ids, codes, pseudonyms and coordinates only; never a resident's data.
 */
public final class AuditRecords {

    private final Clock clock;

    public AuditRecords(Clock clock) {
        this.clock = clock;
    }

    /** A decision about a record read from {@code sourceTopic}; the caller adds what the decision is about. */
    AuditRecord.Builder decision(Decision decision, String messageType, String sender, String sourceTopic, int partition,
                                 long offset) {
        return AuditRecord.newBuilder()
                .setAuditId(UUID.randomUUID().toString())
                .setRecordedAt(clock.instant())
                .setDecision(decision)
                .setMessageType(messageType)
                .setSenderPartnerId(sender)
                .setSourceTopic(sourceTopic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setPreviousHash("")
                .setHash("");
    }

    /** The hub's own decision on a handoff (delivery observed, escalation), with no outbox record behind it. */
    AuditRecord handoff(HandoffRecord record, Decision decision, String handoffTopic, String note) {
        return decision(decision, decision == Decision.ESCALATED ? "ESCALATION" : "HANDOFF_STATUS",
                record.getSenderPartnerId(), handoffTopic, -1, -1)
                .setMessageId(null)
                .setCorrelationId(record.getCorrelationId())
                .setReceiverPartnerId(record.getReceiverPartnerId())
                .setSubjectPseudonym(record.getSubjectPseudonym())
                .setPurpose(record.getPurpose())
                .setPolicyId(record.getPolicyId())
                .setDetail(note == null ? "status " + record.getStatus() : note)
                .build();
    }

    /**
     * A person's action on the hub (a lookup, a view, a replay), naming the authenticated {@code actor}.
     *
     * @param sender the partner the action concerns, or the hub
     */
    public AuditRecord.Builder action(Decision decision, String messageType, String sender, String actor, String detail,
                                      String sourceTopic, int partition, long offset) {
        return decision(decision, messageType, sender, sourceTopic, partition, offset)
                .setFieldsDelivered(List.of())
                .setFieldsRemoved(List.of())
                .setDetail(detail)
                .setActor(actor);
    }

    /** The record to write: on the audit topic, unkeyed (the chain orders it, not a key). */
    Outbound out(Topics topics, AuditRecord record) {
        return Outbound.avro(Outbound.Kind.AUDIT, topics.audit(), null, record);
    }
}
