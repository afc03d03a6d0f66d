package nl.iwa.hub.routing;

import java.time.Clock;
import nl.iwa.hub.audit.kafka.AuditIndex;
import nl.iwa.hub.involvement.InvolvementLedger;
import nl.iwa.hub.involvement.InvolvementWindow;
import nl.iwa.hub.policy.PolicyBook;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Forgets, now and then, the delivered flows that make nobody involved any more (past their window, handoff
 * settled), so the involvement index on the heap holds about one window of deliveries instead of every delivery
 * ever made. The audit trail keeps them all.
 */
@Component
public class InvolvementHousekeepingRoute extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(InvolvementHousekeepingRoute.class);

    private final AuditIndex index;
    private final InvolvementLedger ledger;
    private final InvolvementWindow window;
    private final Clock clock;
    private final long periodMs;

    public InvolvementHousekeepingRoute(AuditIndex index, InvolvementLedger ledger, PolicyBook policies, Clock clock,
                                        @Value("${iwa.involvement.forget-period-ms:3600000}") long periodMs) {
        this.index = index;
        this.ledger = ledger;
        this.window = new InvolvementWindow(policies);
        this.clock = clock;
        this.periodMs = periodMs;
    }

    @Override
    public void configure() {
        from("timer:involvement-housekeeping?period=" + periodMs + "&delay=" + periodMs)
                .routeId("involvement-housekeeping")
                .process(exchange -> forget());
    }

    void forget() {
        int forgotten = index.forgetFlows(flow -> window.forgettable(flow, clock.instant(), ledger));
        if (forgotten > 0) {
            log.info("involvement index: forgot {} flows past their window", forgotten);
        }
    }
}
