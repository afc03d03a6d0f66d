package nl.iwa.hub.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.TopicReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail in memory, for the privacy officer's questions and for finding who received data under a
 * consent. Rebuilt from the audit topic at start-up, appended to as records are written. It holds ids, codes
 * and pseudonyms only, like the topic.
 */
public final class AuditIndex {

    private static final Logger log = LoggerFactory.getLogger(AuditIndex.class);

    private final List<AuditRecord> records = new ArrayList<>();

    public static AuditIndex load(TopicReader reader, String topic, AvroCodec codec) {
        AuditIndex index = new AuditIndex();
        long read = reader.readAll(topic, r -> {
            if (r.value() != null && codec.decode(topic, r.value()) instanceof AuditRecord a) {
                index.records.add(a);
            }
        });
        log.info("audit index rebuilt from {} records", read);
        return index;
    }

    public synchronized void append(AuditRecord record) {
        records.add(record);
    }

    public synchronized List<AuditRecord> find(Predicate<AuditRecord> filter) {
        return records.stream().filter(filter).toList();
    }

    /** Audit search: any of the filters may be null. */
    public List<AuditRecord> search(String partner, Instant from, Instant until, Decision decision) {
        return find(r -> (partner == null || partner.equals(r.getSenderPartnerId()) || partner.equals(r.getReceiverPartnerId()))
                && (from == null || !r.getRecordedAt().isBefore(from))
                && (until == null || r.getRecordedAt().isBefore(until))
                && (decision == null || r.getDecision() == decision));
    }

    /** Deliveries made under a consent: the partners to tell when it is withdrawn. */
    public List<AuditRecord> deliveredUnder(String consentId) {
        return find(r -> r.getDecision() == Decision.DELIVERED && consentId.equals(r.getConsentReference()));
    }

    public List<AuditRecord> aboutSubject(String pseudonym) {
        return find(r -> pseudonym.equals(r.getSubjectPseudonym()));
    }
}
