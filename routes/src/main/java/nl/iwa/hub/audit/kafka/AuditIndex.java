package nl.iwa.hub.audit.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.involvement.InvolvingFlow;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.TopicReader;
import org.apache.kafka.common.TopicPartition;

/**
 * The privacy officer's questions of the audit trail (search, subject access, blocked flows), answered from the audit
 * topic itself when asked, so memory stays bounded by the answer, not by the trail. Also which audit records involve
 * a partner with a resident: the decide topology's involvement store counts the same ones.
 */
public final class AuditIndex {

    private final TopicReader reader;
    private final String topic;
    private final AvroCodec codec;

    public AuditIndex(TopicReader reader, String topic, AvroCodec codec) {
        this.reader = reader;
        this.topic = topic;
        this.codec = codec;
    }

    /** Whether the record is a delivery that involves its receiver with the resident (involvement notices). */
    public static boolean isInvolving(AuditRecord r) {
        return r.getDecision() == Decision.DELIVERED && r.getSubjectPseudonym() != null && r.getReceiverPartnerId() != null
                && r.getPolicyId() != null;
    }

    /** The flow an involving record ({@link #isInvolving}) stands for. */
    public static InvolvingFlow involving(AuditRecord r) {
        // partner and policy ids are few: one shared copy each instead of one per delivery
        return new InvolvingFlow(r.getSenderPartnerId().intern(), r.getReceiverPartnerId().intern(), r.getRecordedAt(),
                r.getPolicyId().intern(),
                r.getConsentReference(), r.getCorrelationId(), r.getMessageId(), "HANDOFF_REQUEST".equals(r.getMessageType()));
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
}
