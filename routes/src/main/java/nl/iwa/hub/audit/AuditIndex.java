package nl.iwa.hub.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
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
    private final Set<String> decidedRecords = new HashSet<>();
    /** Written in the open transaction, not yet committed: later decisions of the same batch must see them. */
    private final List<AuditRecord> staged = new ArrayList<>();

    public static AuditIndex load(TopicReader reader, String topic, AvroCodec codec) {
        AuditIndex index = new AuditIndex();
        long read = reader.readAll(topic, r -> {
            if (r.value() != null && codec.decode(topic, r.value()) instanceof AuditRecord a) {
                index.append(a);
            }
        });
        log.info("audit index rebuilt from {} records", read);
        return index;
    }

    public synchronized void append(AuditRecord record) {
        records.add(record);
        if (record.getSourcePartition() >= 0) {
            decidedRecords.add(coordinates(record.getSourceTopic(), record.getSourcePartition(), record.getSourceOffset()));
        }
    }

    /** A record written in the transaction now open; see {@link #commitStaged} and {@link #discardStaged}. */
    public synchronized void stage(AuditRecord record) {
        staged.add(record);
    }

    /** The open transaction committed: its audit records join the index. */
    public synchronized void commitStaged() {
        staged.forEach(this::append);
        staged.clear();
    }

    /** The open transaction was aborted: its audit records never happened. */
    public synchronized void discardStaged() {
        staged.clear();
    }

    /**
     * Whether the hub already decided on this outbox record: its audit record is committed together with
     * everything else the decision wrote, so a record read again after a crash is recognised and skipped.
     */
    public synchronized boolean decided(String topic, int partition, long offset) {
        return decidedRecords.contains(coordinates(topic, partition, offset))
                || staged.stream().anyMatch(r -> r.getSourcePartition() == partition && r.getSourceOffset() == offset
                        && topic.equals(r.getSourceTopic()));
    }

    private static String coordinates(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
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

    /**
     * Deliveries made under a consent: the partners to tell when it is withdrawn. Includes the deliveries of the
     * transaction now open, as a withdrawal may follow a delivery in the same batch.
     */
    public synchronized List<AuditRecord> deliveredUnder(String consentId) {
        Predicate<AuditRecord> under = r -> r.getDecision() == Decision.DELIVERED && consentId.equals(r.getConsentReference());
        List<AuditRecord> found = new ArrayList<>(find(under));
        staged.stream().filter(under).forEach(found::add);
        return found;
    }

    public List<AuditRecord> aboutSubject(String pseudonym) {
        return find(r -> pseudonym.equals(r.getSubjectPseudonym()));
    }
}
