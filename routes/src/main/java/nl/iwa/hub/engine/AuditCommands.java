package nl.iwa.hub.engine;

import java.util.Map;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.transport.Outbound;
import nl.iwa.hub.transport.TransactionParticipant;

/**
 * With the decide topology, every audit chain has one writer: the task that owns its partition. What the rest of the
 * hub audits (a person's lookup, a replay) is therefore not written to the audit topic but sent, in the same
 * transaction as the action's other records, as a command on the decide topic, keyed like the chain it joins
 * (resident, else case, else its own id); the owning task links it into its chain ({@link DecideProcessor}).
 * Only the hub writes the decide topic, and the intake topology drops partners' headers, so no partner can send one.
 */
public final class AuditCommands implements TransactionParticipant {

    /** The header that marks a record on the decide topic as a command, and its value for an audit record. */
    public static final String HEADER = "iwa.hub.command";
    public static final String AUDIT = "audit";

    private final String auditTopic;
    private final String decideTopic;

    public AuditCommands(String auditTopic, String decideTopic) {
        this.auditTopic = auditTopic;
        this.decideTopic = decideTopic;
    }

    @Override
    public Outbound route(Outbound out) {
        if (!(out.value() instanceof AuditRecord record) || !auditTopic.equals(out.topic())) {
            return out;
        }
        String key = record.getSubjectPseudonym() != null ? record.getSubjectPseudonym()
                : record.getCorrelationId() != null ? record.getCorrelationId() : record.getAuditId();
        return new Outbound(out.kind(), decideTopic, key, record, null, Map.of(HEADER, AUDIT), out.sentAt(), out.onSent(),
                out.onCommitted());
    }

}
