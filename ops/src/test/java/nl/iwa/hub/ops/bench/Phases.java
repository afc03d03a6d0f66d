package nl.iwa.hub.ops.bench;

import java.util.Map;

/** Phase results for the report tests: only the figures a test looks at differ. */
final class Phases {

    private Phases() {
    }

    static PhaseResult fixed(String system, int rate, double p50Ms, double p99Ms) {
        return fixed(system, rate + " msg/s", rate, p50Ms, p99Ms);
    }

    static PhaseResult fixed(String system, String phase, int rate, double p50Ms, double p99Ms) {
        return new PhaseResult(system, phase, rate, 10, rate * 10L, rate * 7L, rate * 7L, rate, rate * 0.7,
                new LatencyStats(rate * 7L, p50Ms, p99Ms, p99Ms * 1.5, p99Ms * 2), rss(system), rss(system), cpu(system),
                Map.of(), Map.of());
    }

    static PhaseResult saturation(String system, double deliveredPerSecond) {
        return new PhaseResult(system, PhaseResult.SATURATION, 0, 5, 50_000, 35_000, 35_000, 10_000, deliveredPerSecond,
                new LatencyStats(35_000, 900, 2_000, 2_500, 3_000), rss(system), rss(system), cpu(system), Map.of(), Map.of());
    }

    private static double rss(String system) {
        return PhaseResult.HUB.equals(system) ? 420 : Double.NaN;
    }

    private static double cpu(String system) {
        return PhaseResult.HUB.equals(system) ? 55 : Double.NaN;
    }
}
