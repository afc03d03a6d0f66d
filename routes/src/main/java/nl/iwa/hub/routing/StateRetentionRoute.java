package nl.iwa.hub.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nl.iwa.hub.consent.Consent;
import nl.iwa.hub.consent.ConsentRegistry;
import nl.iwa.hub.consent.ConsentRetention;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.handoff.HandoffRetention;
import nl.iwa.hub.handoff.HandoffStore;
import nl.iwa.hub.outcome.OutcomeWriter;
import nl.iwa.hub.policy.PolicyBook;
import nl.iwa.hub.transport.Outbound;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Now and then, settled handoffs and ended consents past their policy's retention leave the compacted state topics
 * (tombstones, so compaction deletes them) and the hub's memory. Without it the working state, and the personal
 * data in it (pseudonyms, purposes), would grow for as long as the hub runs; the audit trail keeps their history.
 * At most {@value #MOST_PER_RUN} per run, oldest first, so one transaction stays small; the rest follow next run.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "iwa", name = "engine", havingValue = "classic")
public class StateRetentionRoute extends RouteBuilder {

    static final int MOST_PER_RUN = 2_000;
    private static final Logger log = LoggerFactory.getLogger(StateRetentionRoute.class);

    private final HandoffStore handoffs;
    private final ConsentRegistry consents;
    private final HandoffRetention handoffRetention;
    private final ConsentRetention consentRetention;
    private final OutcomeWriter writer;
    private final HubLock lock;
    private final Clock clock;
    private final long periodMs;

    public StateRetentionRoute(HandoffStore handoffs, ConsentRegistry consents, PolicyBook policies, OutcomeWriter writer,
                               HubLock lock, Clock clock, @Value("${iwa.retention.check-period-ms:3600000}") long periodMs) {
        this.handoffs = handoffs;
        this.consents = consents;
        this.handoffRetention = new HandoffRetention(policies);
        this.consentRetention = new ConsentRetention(policies);
        this.writer = writer;
        this.lock = lock;
        this.clock = clock;
        this.periodMs = periodMs;
    }

    @Override
    public void configure() {
        from("timer:state-retention?period=" + periodMs + "&delay=" + periodMs)
                .routeId("state-retention")
                .routeConfigurationId(HubErrorHandling.ID)
                .process(lock::acquire)
                .doTry()
                    .process(exchange -> exchange.getIn().setBody(due(clock.instant())))
                    .to(PublishRoute.ENDPOINT)
                .doFinally()
                    .process(lock::release)
                .end();
    }

    /** The tombstones of what is past its retention at {@code now}, oldest first, at most {@value #MOST_PER_RUN}. */
    public List<Outbound> due(Instant now) {
        List<HandoffRecord> settled = handoffs.all().stream().filter(h -> handoffRetention.expired(h, now))
                .sorted(Comparator.comparing(h -> handoffRetention.leavesAt(h).orElseThrow()))
                .limit(MOST_PER_RUN).toList();
        List<Consent> ended = consents.matching(c -> consentRetention.expired(c, now)).stream()
                .sorted(Comparator.comparing(c -> consentRetention.leavesAt(c).orElseThrow()))
                .limit(Math.max(0, MOST_PER_RUN - settled.size())).toList();
        if (!settled.isEmpty() || !ended.isEmpty()) {
            log.info("retention: {} settled handoffs and {} ended consents leave the working state", settled.size(), ended.size());
        }
        return new ArrayList<>(writer.retired(settled, ended));
    }
}
