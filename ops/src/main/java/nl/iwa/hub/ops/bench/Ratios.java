package nl.iwa.hub.ops.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Hub over raw, from phases of one run (the only comparison that means something on a shared, noisy machine). */
public final class Ratios {

    /** One fixed rate: hub latency over raw latency. */
    public record LatencyRatio(int rate, double p50, double p99, double p999) {
    }

    private Ratios() {
    }

    /** Hub deliveries per second at saturation over the raw relay's. */
    public static Optional<Double> saturationThroughput(List<PhaseResult> results) {
        Optional<PhaseResult> hub = find(results, PhaseResult.HUB, PhaseResult.SATURATION);
        Optional<PhaseResult> raw = find(results, PhaseResult.RAW, PhaseResult.SATURATION);
        if (hub.isEmpty() || raw.isEmpty() || !(raw.get().deliveredRate() > 0)) {
            return Optional.empty();
        }
        return Optional.of(hub.get().deliveredRate() / raw.get().deliveredRate());
    }

    /** For every fixed rate measured on both: hub latency percentiles over raw's. */
    public static List<LatencyRatio> latency(List<PhaseResult> results) {
        List<LatencyRatio> ratios = new ArrayList<>();
        for (PhaseResult hub : results) {
            if (!hub.isHub() || hub.isWarmUp() || hub.isSaturation() || !hub.latency().measured()) {
                continue;
            }
            results.stream()
                    .filter(r -> PhaseResult.RAW.equals(r.system()) && r.phase().equals(hub.phase()) && r.latency().measured())
                    .findFirst()
                    .ifPresent(raw -> ratios.add(new LatencyRatio(hub.targetRate(),
                            divide(hub.latency().p50Ms(), raw.latency().p50Ms()),
                            divide(hub.latency().p99Ms(), raw.latency().p99Ms()),
                            divide(hub.latency().p999Ms(), raw.latency().p999Ms()))));
        }
        return ratios;
    }

    private static Optional<PhaseResult> find(List<PhaseResult> results, String system, String phase) {
        return results.stream().filter(r -> r.system().equals(system) && r.phase().equals(phase)).findFirst();
    }

    private static double divide(double a, double b) {
        return b > 0 ? a / b : Double.NaN;
    }
}
