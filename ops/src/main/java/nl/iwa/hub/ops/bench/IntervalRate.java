package nl.iwa.hub.ops.bench;

/**
 * A count per second since the previous reading: the "current rate" on a progress line. A phase's overall rate
 * hides a stall or a burst that a two-second window shows.
 */
final class IntervalRate {

    private long lastCount;
    private long lastNanos;

    IntervalRate(long count, long nowNanos) {
        this.lastCount = count;
        this.lastNanos = nowNanos;
    }

    /** Per second since the previous call (or the start); 0 when no time passed. */
    double next(long count, long nowNanos) {
        long nanos = nowNanos - lastNanos;
        double rate = nanos <= 0 ? 0 : (count - lastCount) * 1e9 / nanos;
        lastCount = count;
        lastNanos = nowNanos;
        return rate;
    }
}
