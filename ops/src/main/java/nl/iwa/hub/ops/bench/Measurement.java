package nl.iwa.hub.ops.bench;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One phase's bookkeeping: when each awaited message was sent (by message id), and what arrived for it. A
 * delivery is matched by the inbox message's causation id; the latency is from the send to the moment the
 * receiver's consumer sees it, recorded in microseconds with HdrHistogram.
 *
 * <p>Everything that arrives is put in exactly one bucket, so that the report can tell a slow phase from a wrong
 * one: the first delivery of an awaited message (counted, with its latency); a second one (a duplicate: the hub
 * promises exactly once); a delivery or rejection of a message that was sent but not awaited (a flow the hub must
 * block: the hub answers it with a rejection, the raw relay, which checks nothing, delivers it); a rejection of
 * an awaited message (a lawful flow refused: it stays outstanding and counts as lost); and anything else
 * (unmatched, e.g. a straggler of an earlier phase).
 */
final class Measurement {

    private final Map<String, Long> awaited = new ConcurrentHashMap<>();
    private final Set<String> notAwaited = ConcurrentHashMap.newKeySet();
    private final Set<String> deliveredIds;
    private final Recorder latencyMicros = new Recorder(3);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong expected = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong lastDeliveryNanos = new AtomicLong();
    private final Map<String, AtomicLong> blocked = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> extras = new ConcurrentHashMap<>();
    private volatile long firstSendNanos;

    /**
     * @param deliveredIds the ids of the messages already delivered to this system, shared by all its phases, so
     *                     that a duplicate is recognised even when it arrives in a later phase than the original
     */
    Measurement(Set<String> deliveredIds) {
        this.deliveredIds = deliveredIds;
    }

    /** A measurement of its own, for tests and for anything not compared across phases. */
    Measurement() {
        this(ConcurrentHashMap.newKeySet());
    }

    void sent(String messageId, boolean expectDelivery, long atNanos) {
        if (sent.getAndIncrement() == 0) {
            firstSendNanos = atNanos;
        }
        if (expectDelivery) {
            expected.incrementAndGet();
            awaited.put(messageId, atNanos);
        } else {
            notAwaited.add(messageId);
        }
    }

    /** A delivery or relay naming {@code causationId} reached its receiver. */
    void arrived(String causationId, String kind, long atNanos) {
        Long sentAt = causationId == null ? null : awaited.remove(causationId);
        if (sentAt != null) {
            deliveredIds.add(causationId);
            delivered.incrementAndGet();
            lastDeliveryNanos.accumulateAndGet(atNanos, Math::max);
            latencyMicros.recordValue(Math.max(0, (atNanos - sentAt) / 1_000));
        } else if (causationId != null && deliveredIds.contains(causationId)) {
            duplicates.incrementAndGet();
        } else if (causationId != null && notAwaited.contains(causationId)) {
            extra(kind + " of a flow the hub blocks");
        } else {
            extra("unmatched " + kind);
        }
    }

    /** The sender got a rejection for {@code causationId}: intended for a flow that must be blocked, else a fault. */
    void rejected(String causationId, String reasonCode) {
        if (causationId != null && notAwaited.contains(causationId)) {
            blocked.computeIfAbsent(reasonCode, k -> new AtomicLong()).incrementAndGet();
        } else {
            rejected.computeIfAbsent(reasonCode, k -> new AtomicLong()).incrementAndGet();
        }
    }

    void extra(String kind) {
        extras.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    long sent() {
        return sent.get();
    }

    long expected() {
        return expected.get();
    }

    long delivered() {
        return delivered.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long outstanding() {
        return awaited.size();
    }

    long firstSendNanos() {
        return firstSendNanos;
    }

    long lastDeliveryNanos() {
        return lastDeliveryNanos.get();
    }

    Histogram latency() {
        return latencyMicros.getIntervalHistogram();
    }

    /** Rejections of flows that must be blocked, by reason code: the hub doing its job. */
    Map<String, Long> blockedCounts() {
        return snapshot(blocked);
    }

    /** Rejections of lawful flows (or of nothing sent in this phase), by reason code: should be none. */
    Map<String, Long> rejectedCounts() {
        return snapshot(rejected);
    }

    Map<String, Long> extraCounts() {
        return snapshot(extras);
    }

    private static Map<String, Long> snapshot(Map<String, AtomicLong> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
