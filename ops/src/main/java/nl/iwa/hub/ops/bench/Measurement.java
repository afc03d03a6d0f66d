package nl.iwa.hub.ops.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One phase's bookkeeping: when each expected message was sent (by message id), and what arrived for it. A
 * delivery is matched by the inbox message's causation id; the latency is from the send to the moment the
 * receiver's consumer sees it, recorded in microseconds with HdrHistogram.
 */
final class Measurement {

    private final Map<String, Long> awaited = new ConcurrentHashMap<>();
    private final Recorder latencyMicros = new Recorder(3);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong expected = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong lastDeliveryNanos = new AtomicLong();
    private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> extras = new ConcurrentHashMap<>();
    private volatile long firstSendNanos;

    void sent(String messageId, boolean expectDelivery, long atNanos) {
        if (sent.getAndIncrement() == 0) {
            firstSendNanos = atNanos;
        }
        if (expectDelivery) {
            expected.incrementAndGet();
            awaited.put(messageId, atNanos);
        }
    }

    /** Something arrived naming {@code causationId}; counts once per awaited message, the rest as extras. */
    void arrived(String causationId, String kind, long atNanos) {
        Long sentAt = causationId == null ? null : awaited.remove(causationId);
        if (sentAt == null) {
            extra(kind);
            return;
        }
        delivered.incrementAndGet();
        lastDeliveryNanos.accumulateAndGet(atNanos, Math::max);
        latencyMicros.recordValue(Math.max(0, (atNanos - sentAt) / 1_000));
    }

    void rejected(String reasonCode) {
        rejected.computeIfAbsent(reasonCode, k -> new AtomicLong()).incrementAndGet();
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
