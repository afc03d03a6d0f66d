package nl.iwa.hub.routing;

import java.time.Clock;
import nl.iwa.hub.audit.TrailVerifier;
import nl.iwa.hub.audit.kafka.AuditTrailReader;
import nl.iwa.hub.observability.kafka.InboxBacklog;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The monitoring beat: the partners' inbox backlogs (asked of the broker, so not at every scrape) and, less often,
 * a verification of the audit trail, so that an alert fires on a broken trail without anyone asking.
 */
@Component
public class MonitoringRoute extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(MonitoringRoute.class);

    private final InboxBacklog backlog;
    private final AuditTrailReader trail;
    private final Clock clock;
    private final long backlogPeriodMs;
    private final long verifyPeriodMs;

    public MonitoringRoute(InboxBacklog backlog, AuditTrailReader trail, Clock clock,
                           @Value("${iwa.monitoring.backlog-period-ms:15000}") long backlogPeriodMs,
                           @Value("${iwa.audit.verify-period-ms:3600000}") long verifyPeriodMs) {
        this.backlog = backlog;
        this.trail = trail;
        this.clock = clock;
        this.backlogPeriodMs = backlogPeriodMs;
        this.verifyPeriodMs = verifyPeriodMs;
    }

    @Override
    public void configure() {
        from("timer:inbox-backlog?period=" + backlogPeriodMs + "&delay=1000")
                .routeId("inbox-backlog")
                .process(exchange -> backlog.refresh());
        if (verifyPeriodMs > 0) {
            from("timer:audit-verification?period=" + verifyPeriodMs + "&delay=" + verifyPeriodMs)
                    .routeId("audit-verification")
                    .process(exchange -> verify());
        }
    }

    private void verify() {
        // the reader hands the outcome to the metric ops alert on
        TrailVerifier.Verification v = trail.verifyNow(clock.instant());
        if (v.blocking()) {
            log.error("the audit trail does not verify: {}", String.join("; ", v.problems()));
        }
    }
}
