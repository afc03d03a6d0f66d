package nl.iwa.hub.routing;

import nl.iwa.hub.handoff.kafka.DeliveryWatch;
import nl.iwa.hub.handoff.HandoffDesk;
import nl.iwa.hub.outcome.OutcomeWriter;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The hub's own beat for handoffs: observe deliveries and fire escalations for missed deadlines. The times
 * come from the injected clock, so a test moves time forward instead of waiting for it.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "iwa", name = "engine", havingValue = "classic")
public class HandoffClockRoute extends RouteBuilder {

    public static final String ROUTE_ID = "handoff-clock";

    private final HandoffDesk desk;
    private final DeliveryWatch watch;
    private final OutcomeWriter writer;
    private final HubLock lock;
    private final long periodMs;

    public HandoffClockRoute(HandoffDesk desk, DeliveryWatch watch, OutcomeWriter writer, HubLock lock,
                             @Value("${iwa.handoffs.check-period-ms:5000}") long periodMs) {
        this.desk = desk;
        this.watch = watch;
        this.writer = writer;
        this.lock = lock;
        this.periodMs = periodMs;
    }

    @Override
    public void configure() {
        from("timer:handoff-clock?period=" + periodMs + "&delay=" + periodMs)
                .routeId(ROUTE_ID)
                .routeConfigurationId(HubErrorHandling.ID)
                .process(lock::acquire)
                .doTry()
                    .process(exchange -> {
                        var out = new java.util.ArrayList<>(writer.observed(watch.check()));
                        out.addAll(writer.escalated(desk.escalations()));
                        exchange.getIn().setBody(out);
                    })
                    .to(PublishRoute.ENDPOINT)
                .doFinally()
                    .process(lock::release)
                .end();
    }
}
