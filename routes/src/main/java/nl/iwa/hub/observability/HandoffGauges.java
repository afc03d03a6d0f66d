package nl.iwa.hub.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import nl.iwa.hub.handoff.HandoffOverview;

/**
 * Open and overdue handoffs per receiver, counted from the handoff overview when Prometheus scrapes: an overdue
 * handoff is one whose awaited step (receipt, acceptance, ...) is past its deadline. A scrape reads two gauges per
 * receiver; they share one count of all open handoffs (a hub may hold hundreds of thousands), made at most once
 * per second.
 */
public final class HandoffGauges {

    private HandoffGauges() {
    }

    public static void register(MeterRegistry registry, HandoffOverview handoffs, Clock clock, Collection<String> receivers) {
        OpenHandoffCounts counts = new OpenHandoffCounts(handoffs, clock, System::nanoTime);
        for (String receiver : receivers) {
            Gauge.builder("iwa.handoffs.open", () -> counts.open(receiver))
                    .description("Handoffs to this receiver that are not settled yet")
                    .tag("receiver", receiver).register(registry);
            Gauge.builder("iwa.handoffs.overdue", () -> counts.overdue(receiver))
                    .description("Open handoffs to this receiver whose awaited step is past its deadline")
                    .tag("receiver", receiver).register(registry);
        }
    }

    /** One count of the open handoffs per receiver, made again when it is older than a second. */
    static final class OpenHandoffCounts {

        private static final long MAX_AGE_NANOS = 1_000_000_000L;

        private record Counted(long atNanos, Map<String, long[]> perReceiver) {
        }

        private final HandoffOverview handoffs;
        private final Clock clock;
        private final LongSupplier nanos;
        private Counted last;

        OpenHandoffCounts(HandoffOverview handoffs, Clock clock, LongSupplier nanos) {
            this.handoffs = handoffs;
            this.clock = clock;
            this.nanos = nanos;
        }

        /** NaN while the overview is not ready: unknown, rather than a zero that looks like good news. */
        double open(String receiver) {
            Map<String, long[]> counts = counts();
            return counts == null ? Double.NaN : counts.getOrDefault(receiver, new long[2])[0];
        }

        double overdue(String receiver) {
            Map<String, long[]> counts = counts();
            return counts == null ? Double.NaN : counts.getOrDefault(receiver, new long[2])[1];
        }

        private synchronized Map<String, long[]> counts() {
            long now = nanos.getAsLong();
            if (last == null || now - last.atNanos() > MAX_AGE_NANOS) {
                Instant at = clock.instant();
                Map<String, long[]> perReceiver = new HashMap<>();
                try {
                    handoffs.forEachOpen(h -> {
                        long[] c = perReceiver.computeIfAbsent(h.getReceiverPartnerId(), k -> new long[2]);
                        c[0]++;
                        if (h.getDueAt() != null && h.getDueAt().isBefore(at)) {
                            c[1]++;
                        }
                    });
                } catch (HandoffOverview.NotReady e) {
                    return null;
                }
                last = new Counted(now, perReceiver);
            }
            return last.perReceiver();
        }
    }
}
