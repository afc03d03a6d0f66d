package nl.iwa.hub.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import nl.iwa.hub.handoff.HandoffStore;

/**
 * Open and overdue handoffs per receiver, counted from the hub's handoff state when Prometheus scrapes: an
 * overdue handoff is one whose awaited step (receipt, acceptance, ...) is past its deadline.
 */
public final class HandoffGauges {

    private HandoffGauges() {
    }

    public static void register(MeterRegistry registry, HandoffStore store, Clock clock, Collection<String> receivers) {
        for (String receiver : receivers) {
            Gauge.builder("iwa.handoffs.open", () -> store.openMatching(h -> receiver.equals(h.getReceiverPartnerId())).size())
                    .description("Handoffs to this receiver that are not settled yet")
                    .tag("receiver", receiver).register(registry);
            Gauge.builder("iwa.handoffs.overdue", () -> store.openMatching(h -> receiver.equals(h.getReceiverPartnerId())
                            && h.getDueAt() != null && h.getDueAt().isBefore(clock.instant())).size())
                    .description("Open handoffs to this receiver whose awaited step is past its deadline")
                    .tag("receiver", receiver).register(registry);
        }
    }
}
