package nl.iwa.hub.audit.kafka;

import nl.iwa.hub.audit.TrustedKeys;
import nl.iwa.hub.audit.AuditSeal;
import nl.iwa.hub.audit.TrailVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.Consumer;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.TopicReader;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the audit trail and its seals from the topics as they are now, and verifies them in one pass: at
 * start-up (feeding the index on the way) and whenever the privacy officer asks.
 */
public final class AuditTrailReader {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuditTrailReader.class);

    private final TopicReader reader;
    private final AvroCodec codec;
    private final String trailTopic;
    private final String sealTopic;
    private final long retentionMs;
    private final TrustedKeys keys;
    private final Consumer<TrailVerifier.Verification> onVerified;
    private volatile Function<Supplier<Moment>, Moment> betweenTransactions = Supplier::get;
    private volatile java.time.Duration sealsSettle = java.time.Duration.ZERO;

    /** @param onVerified told the outcome of every {@link #verifyNow} (the metric ops alert on) */
    public AuditTrailReader(TopicReader reader, AvroCodec codec, String trailTopic, String sealTopic, long retentionMs,
                            TrustedKeys keys, Consumer<TrailVerifier.Verification> onVerified) {
        this.reader = reader;
        this.codec = codec;
        this.trailTopic = trailTopic;
        this.sealTopic = sealTopic;
        this.retentionMs = retentionMs;
        this.keys = keys;
        this.onVerified = onVerified;
    }

    /**
     * Where verifications take their moment from: the hub's publisher between two transactions once it writes
     * (before that, at start-up, nothing writes and any moment will do).
     */
    public void takeMomentsFrom(Function<Supplier<Moment>, Moment> betweenTransactions) {
        this.betweenTransactions = betweenTransactions;
    }

    /**
     * With several writers (the decide topology's tasks, on several hubs), a writer that died mid-transaction holds
     * back what is readable of the one seal topic, while the others go on committing audit records on their own
     * partitions: read then, those records would look unsealed. So the seals are read once no transaction open at the
     * moment holds them back any more, waiting at most {@code settle} (a little over the writers' transaction timeout).
     */
    public void awaitSealsSettledFor(java.time.Duration settle) {
        this.sealsSettle = settle;
    }

    /** The ends of the seal topic and the trail at one moment between transactions. */
    public record Moment(Map<TopicPartition, Long> seals, Map<TopicPartition, Long> trail) {
    }

    /**
     * Verifies the trail. Seals and trail are read as they
     * stood at one moment between the hub's transactions: read a moment apart, a transaction committed in between
     * would look like records nobody sealed, or a head with no record.
     */
    public TrailVerifier verify(Instant now) {
        Moment moment = betweenTransactions.apply(() -> new Moment(reader.endOffsets(sealTopic), reader.endOffsets(trailTopic)));
        if (!sealsSettle.isZero() && !reader.awaitSettled(sealTopic, sealsSettle)) {
            log.warn("a transaction on {} is still open after {}: verifying with the seals readable now", sealTopic, sealsSettle);
        }
        // with the decide topology the chains' tasks write on meanwhile: the seals are read past the moment (each
        // record's seal is in its transaction), and the verifier learns which were there before the trail's end was taken
        List<Long> unreadable = new ArrayList<>();
        long[] before = {0};
        long sealEndBefore = moment.seals().values().stream().mapToLong(Long::longValue).sum();
        List<AuditSeal> seals = new ArrayList<>();
        reader.readUpTo(sealTopic, reader.endOffsets(sealTopic), r -> {
            if (r.value() == null) {
                return;
            }
            try {
                seals.add(AuditSeal.fromJson(new String(r.value(), StandardCharsets.UTF_8)));
                if (r.offset() < sealEndBefore) {
                    before[0] = seals.size();
                }
            } catch (IllegalArgumentException e) {
                unreadable.add(r.offset());
            }
        });
        TrailVerifier verifier = new TrailVerifier(seals, (int) before[0], moment.trail().size(), keys, retentionMs, now);
        unreadable.forEach(verifier::unreadableSeal);
        // the partitions' records come interleaved; each chain sees its own in order
        reader.readUpTo(trailTopic, moment.trail(), r -> {
            if (r.value() != null && codec.decode(trailTopic, r.value()) instanceof AuditRecord record) {
                verifier.accept(r.partition(), record);
            }
        });
        return verifier;
    }

    public TrailVerifier.Verification verifyNow(Instant now) {
        TrailVerifier.Verification v = verify(now).finish();
        onVerified.accept(v);
        return v;
    }

    /** The seal topic's seals as committed now, in order (records that are no seal left out: verification names them). */
    public List<AuditSeal> committedSeals() {
        return seals(null, new ArrayList<>());
    }

    /** The seals kept for good (checkpoints), in order, for export; the head is left out. */
    public List<AuditSeal> checkpoints() {
        java.util.TreeMap<Long, AuditSeal> bySequence = new java.util.TreeMap<>();
        // a record that is no seal is left out here: verification reports it
        seals(null, new ArrayList<>()).stream().filter(AuditSeal::isCheckpoint).forEach(cp -> bySequence.put(cp.sequence(), cp));
        return List.copyOf(bySequence.values());
    }

    /**
     * The seal topic's seals in order, up to {@code end} (null: its end now); the offsets of records that are no
     * seal go to {@code unreadable}, tombstones are skipped (the checkpoint chain shows what they removed).
     */
    private List<AuditSeal> seals(Map<TopicPartition, Long> end, List<Long> unreadable) {
        List<AuditSeal> seals = new ArrayList<>();
        reader.readUpTo(sealTopic, end, r -> {
            if (r.value() == null) {
                return;
            }
            try {
                seals.add(AuditSeal.fromJson(new String(r.value(), StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                unreadable.add(r.offset());
            }
        });
        return seals;
    }

    public TrustedKeys keys() {
        return keys;
    }
}
