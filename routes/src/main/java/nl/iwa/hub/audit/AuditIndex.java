package nl.iwa.hub.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.TopicReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hub needs to know from its audit trail while it works, kept small so that memory does not grow with
 * the trail: per outbox partition the highest offset decided (to skip records read again), and per consent the
 * deliveries made under it (to tell their receivers of a withdrawal). Rebuilt from the audit topic at start-up,
 * kept current as records are committed. The privacy officer's questions are answered from the topic itself.
 */
public final class AuditIndex {

    private static final Logger log = LoggerFactory.getLogger(AuditIndex.class);

    private final TopicReader reader;
    private final String topic;
    private final AvroCodec codec;
    private final Map<String, Long> decidedUpTo = new HashMap<>();
    private final Map<String, List<Delivered>> deliveredUnderConsent = new HashMap<>();
    /** Written in the open transaction, not yet committed: later decisions of the same batch must see them. */
    private final List<AuditRecord> staged = new ArrayList<>();
    private final Map<String, Long> stagedUpTo = new HashMap<>();

    /** A delivery made under a consent: ids only. */
    public record Delivered(String senderPartnerId, String messageId, String receiverPartnerId, String correlationId) {
    }

    public AuditIndex(TopicReader reader, String topic, AvroCodec codec) {
        this.reader = reader;
        this.topic = topic;
        this.codec = codec;
    }

    public static AuditIndex load(TopicReader reader, String topic, AvroCodec codec) {
        AuditIndex index = new AuditIndex(reader, topic, codec);
        long read = reader.readAll(topic, r -> {
            if (r.value() != null && codec.decode(topic, r.value()) instanceof AuditRecord a) {
                index.append(a);
            }
        });
        log.info("audit index rebuilt from {} records", read);
        return index;
    }

    public synchronized void append(AuditRecord record) {
        if (record.getSourcePartition() >= 0 && record.getSourceTopic() != null) {
            decidedUpTo.merge(partitionKey(record.getSourceTopic(), record.getSourcePartition()), record.getSourceOffset(), Math::max);
        }
        if (record.getDecision() == Decision.DELIVERED && record.getConsentReference() != null) {
            deliveredUnderConsent.computeIfAbsent(record.getConsentReference(), k -> new ArrayList<>()).add(delivered(record));
        }
    }

    /** A record written in the transaction now open; see {@link #commitStaged} and {@link #discardStaged}. */
    public synchronized void stage(AuditRecord record) {
        staged.add(record);
        if (record.getSourcePartition() >= 0 && record.getSourceTopic() != null) {
            stagedUpTo.merge(partitionKey(record.getSourceTopic(), record.getSourcePartition()), record.getSourceOffset(), Math::max);
        }
    }

    /** The open transaction committed: its audit records join the index. */
    public synchronized void commitStaged() {
        staged.forEach(this::append);
        staged.clear();
        stagedUpTo.clear();
    }

    /** The open transaction was aborted: its audit records never happened. */
    public synchronized void discardStaged() {
        staged.clear();
        stagedUpTo.clear();
    }

    /**
     * Whether the hub already decided on this outbox record. The hub decides the records of a partition in
     * offset order and commits each decision with its audit record, so everything up to the highest offset
     * audited is decided; a record read again after a crash is recognised and skipped.
     */
    public synchronized boolean decided(String topic, int partition, long offset) {
        String key = partitionKey(topic, partition);
        return offset <= decidedUpTo.getOrDefault(key, -1L) || offset <= stagedUpTo.getOrDefault(key, -1L);
    }

    /**
     * Deliveries made under a consent: the partners to tell when it is withdrawn. Includes the deliveries of the
     * transaction now open, as a withdrawal may follow a delivery in the same batch.
     */
    public synchronized List<Delivered> deliveredUnder(String consentId) {
        List<Delivered> found = new ArrayList<>(deliveredUnderConsent.getOrDefault(consentId, List.of()));
        staged.stream().filter(r -> r.getDecision() == Decision.DELIVERED && consentId.equals(r.getConsentReference()))
                .map(AuditIndex::delivered).forEach(found::add);
        return found;
    }

    /** The committed audit records that match, read from the audit topic (memory stays bounded by the answer). */
    public List<AuditRecord> find(Predicate<AuditRecord> filter) {
        List<AuditRecord> found = new ArrayList<>();
        reader.readAll(topic, r -> {
            if (r.value() != null && codec.decode(topic, r.value()) instanceof AuditRecord a && filter.test(a)) {
                found.add(a);
            }
        });
        return found;
    }

    /** Audit search: any of the filters may be null. */
    public List<AuditRecord> search(String partner, Instant from, Instant until, Decision decision) {
        return find(r -> (partner == null || partner.equals(r.getSenderPartnerId()) || partner.equals(r.getReceiverPartnerId()))
                && (from == null || !r.getRecordedAt().isBefore(from))
                && (until == null || r.getRecordedAt().isBefore(until))
                && (decision == null || r.getDecision() == decision));
    }

    public List<AuditRecord> aboutSubject(String pseudonym) {
        return find(r -> pseudonym.equals(r.getSubjectPseudonym()));
    }

    private static Delivered delivered(AuditRecord r) {
        return new Delivered(r.getSenderPartnerId(), r.getMessageId(), r.getReceiverPartnerId(), r.getCorrelationId());
    }

    private static String partitionKey(String topic, int partition) {
        return topic + "/" + partition;
    }
}
