package nl.iwa.hub.ops.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The hubs' memory and CPU over a phase, from /proc, one sampler per hub process; nothing for the raw relay (it runs
 * in this JVM). {@link HubUsage} makes one figure of several hubs'.
 */
final class PhaseUsage {

    private final List<ProcessSampler> samplers;
    private final List<OptionalLong> cpuAtStart = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private final long[] rssMax;
    private long lastSample;

    PhaseUsage(List<ProcessSampler> samplers) {
        this.samplers = List.copyOf(samplers);
        this.rssMax = new long[this.samplers.size()];
        for (ProcessSampler s : this.samplers) {
            cpuAtStart.add(s.cpuNanos());
        }
    }

    void sample() {
        if (samplers.isEmpty() || System.nanoTime() - lastSample < 500_000_000L) {
            return;
        }
        lastSample = System.nanoTime();
        for (int i = 0; i < samplers.size(); i++) {
            int hub = i;
            samplers.get(i).rssBytes().ifPresent(b -> rssMax[hub] = Math.max(rssMax[hub], b));
        }
    }

    /** Each hub's figures so far, in the order of the samplers (hub 1 first); empty without a hub. */
    List<HubUsage> perHub() {
        List<HubUsage> hubs = new ArrayList<>();
        for (int i = 0; i < samplers.size(); i++) {
            ProcessSampler s = samplers.get(i);
            hubs.add(new HubUsage(i + 1, rssMax[i] / 1048576.0, s.hwmBytes().orElse(0) / 1048576.0, cpuPercent(s, cpuAtStart.get(i))));
        }
        return hubs;
    }

    private double cpuPercent(ProcessSampler sampler, OptionalLong atStart) {
        OptionalLong now = sampler.cpuNanos();
        if (atStart.isEmpty() || now.isEmpty()) {
            return Double.NaN;
        }
        return 100.0 * (now.getAsLong() - atStart.getAsLong()) / (System.nanoTime() - startNanos);
    }
}
