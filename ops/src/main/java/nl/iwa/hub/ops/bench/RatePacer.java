package nl.iwa.hub.ops.bench;

/**
 * Pacing arithmetic of an open-loop sender at a fixed rate: a scheduler ticks every {@link #TICK_MILLIS} ms and
 * each tick sends what is due by then minus what was sent already. "Due" is computed from the time elapsed since
 * the start, never by adding up tick lengths, so late ticks do not make the rate drift: a late tick sends a
 * larger batch (up to {@link #maxBatch()}, half a second of traffic, so that a long stall does not end in one
 * enormous burst).
 */
public final class RatePacer {

    public static final long TICK_MILLIS = 10;

    private final double perSecond;
    private final long maxBatch;

    public RatePacer(double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be above 0, not " + perSecond);
        }
        this.perSecond = perSecond;
        this.maxBatch = Math.max(1, (long) Math.ceil(perSecond / 2));
    }

    /** Messages due in total after {@code elapsedNanos} since the start (rounded down). */
    public long dueBy(long elapsedNanos) {
        if (elapsedNanos <= 0) {
            return 0;
        }
        // exact in double well beyond any phase length: 2,000 msg/s for an hour is 7.2e6
        return (long) Math.floor(perSecond * elapsedNanos / 1e9);
    }

    /** How many to send now, given what was sent already (possibly more than due: then none). */
    public long batch(long elapsedNanos, long sentSoFar) {
        long behind = dueBy(elapsedNanos) - sentSoFar;
        return Math.max(0, Math.min(behind, maxBatch));
    }

    /** The average batch per tick at this rate, e.g. 10 at 1,000 msg/s. */
    public double averageBatchPerTick() {
        return perSecond * TICK_MILLIS / 1000.0;
    }

    public long maxBatch() {
        return maxBatch;
    }

    /** What was achieved: messages over the seconds they took. */
    public static double achievedRate(long messages, long nanos) {
        return nanos <= 0 ? 0 : messages * 1e9 / nanos;
    }
}
