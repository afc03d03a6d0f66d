package nl.iwa.hub.ops.bench;

import java.util.List;
import java.util.Map;

/**
 * What one phase measured.
 *
 * @param system          {@code hub} or {@code raw} (the kafka-clients relay baseline)
 * @param phase           {@code warm-up}, {@code 500 msg/s}, ..., {@code saturation}
 * @param targetRate      outbox messages per second asked for; 0 for saturation (as fast as the producer allows)
 * @param sendSeconds     how long sending took (the fixed-rate window, or first to last pre-built send)
 * @param sent            outbox messages written: signals, handoff requests, consent changes, status updates
 * @param expected        of those, the ones that must reach a receiver (consent changes need not)
 * @param delivered       deliveries seen by the receivers' consumers and matched to what was sent (first arrivals)
 * @param duplicates      further arrivals of an already delivered message (the hub promises exactly once)
 * @param sendRate        outbox messages per second achieved while sending
 * @param deliveredRate   deliveries per second from the first send to the last delivery
 * @param latency         sentAt to the receiver's consumer seeing the delivery
 * @param rssMaxMb        the hub's highest resident set size sampled in the phase (NaN for raw: it runs in-process); with
 *                        several hubs the highest of them
 * @param hwmMb           the hub's VmHWM (peak RSS since it started) at the end of the phase; with several, the highest
 * @param cpuPercent      the hub's user+system CPU over the phase (100 = one core busy); with several hubs, their sum
 * @param blocked         rejections of the flows in the mix that must be blocked, by reason code (the hub's job)
 * @param rejected        rejections of lawful flows (or of nothing sent in this phase), by reason code (should be none)
 * @param extras          other inbox traffic: hub relays (REQUESTED/DELIVERED), consent withdrawal notices, duplicates
 * @param hubs            each hub process's figures (one per hub of {@code --hubs}; none for raw)
 */
public record PhaseResult(String system, String phase, int targetRate, double sendSeconds, long sent, long expected,
                          long delivered, long duplicates, double sendRate, double deliveredRate, LatencyStats latency,
                          double rssMaxMb, double hwmMb, double cpuPercent, Map<String, Long> blocked,
                          Map<String, Long> rejected, Map<String, Long> extras, List<HubUsage> hubs) {

    public PhaseResult {
        hubs = List.copyOf(hubs);
    }

    /** Without figures per hub process (the raw relay's phases). */
    public PhaseResult(String system, String phase, int targetRate, double sendSeconds, long sent, long expected,
                       long delivered, long duplicates, double sendRate, double deliveredRate, LatencyStats latency,
                       double rssMaxMb, double hwmMb, double cpuPercent, Map<String, Long> blocked,
                       Map<String, Long> rejected, Map<String, Long> extras) {
        this(system, phase, targetRate, sendSeconds, sent, expected, delivered, duplicates, sendRate, deliveredRate, latency,
                rssMaxMb, hwmMb, cpuPercent, blocked, rejected, extras, List.of());
    }

    public static final String HUB = "hub";
    public static final String RAW = "raw";
    public static final String WARM_UP = "warm-up";
    public static final String SATURATION = "saturation";

    public long lost() {
        return Math.max(0, expected - delivered);
    }

    public boolean isSaturation() {
        return SATURATION.equals(phase);
    }

    public boolean isWarmUp() {
        return WARM_UP.equals(phase);
    }

    public boolean isHub() {
        return HUB.equals(system);
    }
}
