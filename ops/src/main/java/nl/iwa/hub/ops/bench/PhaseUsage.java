package nl.iwa.hub.ops.bench;

import java.util.OptionalLong;

/** The hub's memory and CPU over a phase, from /proc; nothing for the raw relay (it runs in this JVM). */
final class PhaseUsage {

    private final ProcessSampler sampler;
    private final OptionalLong cpuAtStart;
    private final long startNanos = System.nanoTime();
    private long rssMax;
    private long lastSample;

    PhaseUsage(ProcessSampler sampler) {
        this.sampler = sampler;
        this.cpuAtStart = sampler == null ? OptionalLong.empty() : sampler.cpuNanos();
    }

    void sample() {
        if (sampler == null || System.nanoTime() - lastSample < 500_000_000L) {
            return;
        }
        lastSample = System.nanoTime();
        sampler.rssBytes().ifPresent(b -> rssMax = Math.max(rssMax, b));
    }

    double rssMaxMb() {
        return sampler == null ? Double.NaN : rssMax / 1048576.0;
    }

    double hwmMb() {
        return sampler == null ? Double.NaN : sampler.hwmBytes().orElse(0) / 1048576.0;
    }

    double cpuPercent() {
        OptionalLong now = sampler == null ? OptionalLong.empty() : sampler.cpuNanos();
        if (cpuAtStart.isEmpty() || now.isEmpty()) {
            return Double.NaN;
        }
        return 100.0 * (now.getAsLong() - cpuAtStart.getAsLong()) / (System.nanoTime() - startNanos);
    }
}
