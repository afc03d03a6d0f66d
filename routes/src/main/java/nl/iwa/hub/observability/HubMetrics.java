package nl.iwa.hub.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import nl.iwa.hub.contract.common.ReasonCode;

/** The hub's own metrics. Labels are partner ids and reason codes only, never anything about a resident. */
public final class HubMetrics {

    private final MeterRegistry registry;
    private final Timer latency;
    /** 1 until a verification says otherwise: the hub only starts on a trail that verifies. */
    private final AtomicInteger auditHolds = new AtomicInteger(1);

    public HubMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("iwa.audit.trail.verified", auditHolds, AtomicInteger::get)
                .description("1 when the latest verification of the audit trail found no problem left unaccepted, 0 when it did")
                .register(registry);
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

    /** A record parked on the dead-letter topic, by the outbox owner and the reason code. */
    public void deadLettered(String partner, ReasonCode reason) {
        deadLetters(partner, reason).increment();
    }

    private Counter deadLetters(String partner, ReasonCode reason) {
        return Counter.builder("iwa.dead.letters").description("Records parked on the dead-letter topic")
                .tag("partner", partner).tag("reason", reason.name()).register(registry);
    }

    /**
     * The per-partner counters at zero from the start: Prometheus' {@code increase()} sees the first dead letter
     * of a partner only if the series existed before it.
     */
    public void startAtZero(Collection<String> partnerIds) {
        for (String partner : partnerIds) {
            for (ReasonCode reason : ReasonCode.values()) {
                deadLetters(partner, reason);
            }
        }
    }

    /** The outcome of the latest verification of the audit trail: whether it holds (no problem left unaccepted). */
    public void auditVerified(boolean holds) {
        auditHolds.set(holds ? 1 : 0);
    }

    public void deliveryLatency(Duration d) {
        if (!d.isNegative()) {
            latency.record(d);
        }
    }
}
