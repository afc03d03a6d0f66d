package nl.iwa.hub.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import nl.iwa.hub.contract.common.ReasonCode;

/** The hub's own metrics. Labels are partner ids and reason codes only, never anything about a resident. */
public final class HubMetrics {

    private final MeterRegistry registry;
    private final Timer latency;

    public HubMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("iwa.delivery.latency")
                .description("End to end: partner's sentAt to the delivery being written to the receiver's inbox")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }

    public void received(String partnerId) {
        Counter.builder("iwa.messages.in").description("Records read from partner outboxes")
                .tag("partner", partnerId).register(registry).increment();
    }

    public void delivered(String sender, String receiver) {
        Counter.builder("iwa.messages.delivered").description("Messages delivered to a receiver's inbox")
                .tag("sender", sender).tag("receiver", receiver).register(registry).increment();
    }

    public void blocked(String sender, ReasonCode reason) {
        Counter.builder("iwa.messages.blocked").description("Messages not passed on: invalid, unreadable or not lawful")
                .tag("partner", sender).tag("reason", reason.name()).register(registry).increment();
    }

    public void deliveryLatency(Duration d) {
        if (!d.isNegative()) {
            latency.record(d);
        }
    }
}
