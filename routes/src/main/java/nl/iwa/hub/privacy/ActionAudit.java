package nl.iwa.hub.privacy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.outcome.AuditRecords;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.transport.Outbound;
import nl.iwa.hub.transport.TransactionalPublisher;

/**
 * People's actions on the hub go on the audit trail like the hub's own decisions, naming the authenticated user
 * as {@code actor}: a subject access lookup names whom it was about (by pseudonym), a view names what was seen.
 * The record is written, and sealed, before the answer is given: no answer without its audit record.
 */
public final class ActionAudit {

    private final TransactionalPublisher publisher;
    private final String auditTopic;
    private final AuditRecords auditRecords;

    public ActionAudit(TransactionalPublisher publisher, String auditTopic, Clock clock) {
        this.publisher = publisher;
        this.auditTopic = auditTopic;
        this.auditRecords = new AuditRecords(clock);
    }

    /** A subject access lookup by {@code actor}: one record per pseudonym looked up. */
    public void lookedUp(String actor, Collection<String> pseudonyms, String detail) {
        List<Outbound> records = new ArrayList<>();
        for (String pseudonym : pseudonyms) {
            records.add(Outbound.avro(Outbound.Kind.AUDIT, auditTopic, null,
                    record(Decision.LOOKED_UP, "SUBJECT_ACCESS", actor, detail).setSubjectPseudonym(pseudonym).build()));
        }
        publisher.inTransaction(tx -> tx.write(records), Map.of());
    }

    /** A view by {@code actor}; {@code what} names it with codes and ids only (e.g. the filters of a search). */
    public void viewed(String actor, String what) {
        publisher.inTransaction(tx -> tx.write(List.of(Outbound.avro(Outbound.Kind.AUDIT, auditTopic, null,
                record(Decision.VIEWED, "VIEW", actor, what).build()))), Map.of());
    }

    /** The sender of records about people's actions is the hub itself (a reserved partner id). */
    private AuditRecord.Builder record(Decision decision, String type, String actor, String detail) {
        return auditRecords.action(decision, type, Partner.HUB, actor == null ? "unknown" : actor, detail, "", -1, -1);
    }
}
