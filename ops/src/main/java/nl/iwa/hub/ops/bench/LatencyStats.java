package nl.iwa.hub.ops.bench;

import org.HdrHistogram.AbstractHistogram;

/**
 * End-to-end latency percentiles of one phase in milliseconds, read from an HdrHistogram that was recorded in
 * microseconds (3 significant digits: a percentile is exact to 0.1 %).
 */
public record LatencyStats(long count, double p50Ms, double p99Ms, double p999Ms, double maxMs) {

    public static final LatencyStats NONE = new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public static LatencyStats ofMicros(AbstractHistogram micros) {
        if (micros.getTotalCount() == 0) {
            return NONE;
        }
        return new LatencyStats(micros.getTotalCount(),
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()));
    }

    public boolean measured() {
        return count > 0;
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
