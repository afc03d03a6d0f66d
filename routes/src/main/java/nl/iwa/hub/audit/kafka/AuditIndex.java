package nl.iwa.hub.audit.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.involvement.InvolvingFlow;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.TopicReader;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hub needs to know from its audit trail while it works: per consent the deliveries made under it (to
 * tell their receivers of a withdrawal), and per resident (pseudonym) the flows delivered about them (who is
 * involved, for involvement notices) and who coordinates their case. Which outbox records were decided is not taken from here: the offsets
 * committed in the transaction that wrote a decision say that, and a record on the audit topic (which someone
 * with broker access could forge) must never make the hub skip one. Rebuilt from the audit topic at start-up,
 * kept current as records are committed. The privacy officer's questions are answered from the topic itself.
 */
public final class AuditIndex {

    private static final Logger log = LoggerFactory.getLogger(AuditIndex.class);

    private final TopicReader reader;
    private final String topic;
    private final AvroCodec codec;
    private final Map<String, List<Delivered>> deliveredUnderConsent = new HashMap<>();
    private final Map<String, List<InvolvingFlow>> flowsAboutSubject = new HashMap<>();
    private final Map<String, String> coordinatorBySubject = new HashMap<>();
    /** Written in the open transaction, not yet committed: later decisions of the same batch must see them. */
    private final List<AuditRecord> staged = new ArrayList<>();

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
        if (record.getDecision() == Decision.DELIVERED && record.getConsentReference() != null) {
            deliveredUnderConsent.computeIfAbsent(record.getConsentReference(), k -> new ArrayList<>()).add(delivered(record));
        }
        if (isInvolving(record)) {
            flowsAboutSubject.computeIfAbsent(record.getSubjectPseudonym(), k -> new ArrayList<>()).add(involving(record));
        }
        if (record.getDecision() == Decision.COORDINATOR_CHANGED && record.getSubjectPseudonym() != null) {
            if (record.getReceiverPartnerId() == null) {
                coordinatorBySubject.remove(record.getSubjectPseudonym());
            } else {
                coordinatorBySubject.put(record.getSubjectPseudonym(), record.getReceiverPartnerId());
            }
        }
    }

    /** Who coordinates the resident's case: the last coordinator change recorded, the open transaction's included. */
    public synchronized java.util.Optional<String> coordinatorOf(String pseudonym) {
        for (int i = staged.size() - 1; i >= 0; i--) {
            AuditRecord r = staged.get(i);
            if (r.getDecision() == Decision.COORDINATOR_CHANGED && pseudonym.equals(r.getSubjectPseudonym())) {
                return java.util.Optional.ofNullable(r.getReceiverPartnerId());
            }
        }
        return java.util.Optional.ofNullable(coordinatorBySubject.get(pseudonym));
    }

    /**
     * The flows delivered about a resident, oldest first: who is involved with them (involvement notices). Includes
     * the open transaction's, as a flow may follow another about the same resident in one batch.
     */
    public synchronized List<InvolvingFlow> flowsAbout(String pseudonym) {
        List<InvolvingFlow> found = new ArrayList<>(flowsAboutSubject.getOrDefault(pseudonym, List.of()));
        staged.stream().filter(r -> isInvolving(r) && pseudonym.equals(r.getSubjectPseudonym()))
                .map(AuditIndex::involving).forEach(found::add);
        return found;
    }

    /** Forgets the committed flows that make nobody involved any more; returns how many. */
    public synchronized int forgetFlows(java.util.function.Predicate<InvolvingFlow> forgettable) {
        int forgotten = 0;
        for (var it = flowsAboutSubject.entrySet().iterator(); it.hasNext(); ) {
            List<InvolvingFlow> flows = it.next().getValue();
            int before = flows.size();
            flows.removeIf(forgettable);
            forgotten += before - flows.size();
            if (flows.isEmpty()) {
                it.remove();
            }
        }
        return forgotten;
    }

    /** Whether the record is a delivery that involves its receiver with the resident (involvement notices). */
    public static boolean isInvolving(AuditRecord r) {
        return r.getDecision() == Decision.DELIVERED && r.getSubjectPseudonym() != null && r.getReceiverPartnerId() != null
                && r.getPolicyId() != null;
    }

    /** The flow an involving record ({@link #isInvolving}) stands for. */
    public static InvolvingFlow involving(AuditRecord r) {
        // partner and policy ids are few: one shared copy each instead of one per delivery (this index is on the heap
        // until the state moves to partitioned stores, issue #14)
        return new InvolvingFlow(r.getSenderPartnerId().intern(), r.getReceiverPartnerId().intern(), r.getRecordedAt(),
                r.getPolicyId().intern(),
                r.getConsentReference(), r.getCorrelationId(), r.getMessageId(), "HANDOFF_REQUEST".equals(r.getMessageType()));
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

    /** One page of an audit search: the records found, and where to continue after (null: no more). */
    public record Page(List<Positioned> records, AuditCursor next) {
    }

    /** An audit record and its place on the trail: its chain (partition) and offset there. */
    public record Positioned(int partition, long offset, AuditRecord record) {
    }

    /**
     * Audit search, a page at a time and oldest first: reads each chain (partition) from after the cursor until
     * {@code limit} records match there, and merges them by time, so memory stays bounded by the page times the
     * chains however large the trail. Any filter may be null; {@code caseId} is a correlation id. Periods are
     * judged by {@code recordedAt} (the hub's clock), not by the broker's timestamps, so the read does not seek
     * by time.
     */
    public Page search(String partner, Instant from, Instant until, Decision decision, String caseId, AuditCursor after, int limit) {
        List<Positioned> found = new ArrayList<>();
        int partitions = reader.partitionCount(topic);
        for (int p = 0; p < partitions; p++) {
            int partition = p;
            int[] matched = {0};
            reader.readFrom(new TopicPartition(topic, p), after.offsetAfter(p), r -> {
                if (r.value() == null || !(codec.decode(topic, r.value()) instanceof AuditRecord a)) {
                    return true;
                }
                if ((partner == null || partner.equals(a.getSenderPartnerId()) || partner.equals(a.getReceiverPartnerId()))
                        && (from == null || !a.getRecordedAt().isBefore(from))
                        && (until == null || a.getRecordedAt().isBefore(until))
                        && (decision == null || a.getDecision() == decision)
                        && (caseId == null || caseId.equals(a.getCorrelationId()))) {
                    // one more than a page from each chain: then it is known whether anything follows the page
                    found.add(new Positioned(partition, r.offset(), a));
                    return ++matched[0] <= limit;
                }
                return true;
            });
        }
        found.sort(Comparator.comparing((Positioned x) -> x.record().getRecordedAt())
                .thenComparingInt(Positioned::partition).thenComparingLong(Positioned::offset));
        if (found.size() <= limit) {
            return new Page(found, null);
        }
        List<Positioned> page = List.copyOf(found.subList(0, limit));
        AuditCursor next = after;
        for (Positioned x : page) {
            next = next.past(x.partition(), x.offset());
        }
        return new Page(page, next);
    }

    public List<AuditRecord> aboutSubject(String pseudonym) {
        return find(r -> pseudonym.equals(r.getSubjectPseudonym()));
    }

    private static Delivered delivered(AuditRecord r) {
        return new Delivered(r.getSenderPartnerId(), r.getMessageId(), r.getReceiverPartnerId(), r.getCorrelationId());
    }

}
