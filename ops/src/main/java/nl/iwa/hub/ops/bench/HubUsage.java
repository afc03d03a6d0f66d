package nl.iwa.hub.ops.bench;

import java.util.List;

/**
 * One hub process's memory and CPU over a phase, when the benchmark runs several side by side ({@code --hubs N}).
 *
 * @param hub        the hub's number: 1, 2, ...
 * @param rssMaxMb   its highest resident set size sampled in the phase
 * @param hwmMb      its VmHWM (peak RSS since it started) at the end of the phase
 * @param cpuPercent its user+system CPU over the phase (100 = one core busy)
 */
public record HubUsage(int hub, double rssMaxMb, double hwmMb, double cpuPercent) {

    /** The highest RSS of the hubs (each hub is held to the memory target on its own); NaN without a hub. */
    static double highestRssMb(List<HubUsage> hubs) {
        return hubs.stream().mapToDouble(HubUsage::rssMaxMb).max().orElse(Double.NaN);
    }

    /** The highest VmHWM of the hubs; NaN without a hub. */
    static double highestHwmMb(List<HubUsage> hubs) {
        return hubs.stream().mapToDouble(HubUsage::hwmMb).max().orElse(Double.NaN);
    }

    /** The hubs' CPU together (the phase's work; 100 = one core busy); NaN without a hub, or if one has no reading. */
    static double totalCpuPercent(List<HubUsage> hubs) {
        return hubs.isEmpty() ? Double.NaN : hubs.stream().mapToDouble(HubUsage::cpuPercent).sum();
    }
}
