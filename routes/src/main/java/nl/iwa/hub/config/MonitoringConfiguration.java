package nl.iwa.hub.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import nl.iwa.hub.handoff.HandoffOverview;
import nl.iwa.hub.observability.ComponentGauges;
import nl.iwa.hub.observability.DeliveryFigures;
import nl.iwa.hub.observability.HandoffGauges;
import nl.iwa.hub.observability.HubMetrics;
import nl.iwa.hub.observability.InboxCommitWatch;
import nl.iwa.hub.observability.kafka.InboxBacklog;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.transport.KafkaConnection;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What ops dashboards and alerts read (ops/monitoring): inbox backlog, open and overdue handoffs, dead letters,
 * the audit trail's verification and whether the broker and the registry are reachable, labelled by partner ids,
 * reason codes and component names only.
 */
@Configuration(proxyBeanMethods = false)
public class MonitoringConfiguration {

    /** On the system clock, not the hub's: a demonstration's faster clock says nothing about real consumers. */
    @Bean
    InboxCommitWatch inboxCommitWatch() {
        return new InboxCommitWatch(Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    InboxBacklog inboxBacklog(KafkaConnection kafka, HubProperties props, PartnerDirectory partners, MeterRegistry registry,
                              InboxCommitWatch commits) {
        return new InboxBacklog(kafka, props.topics(), partners.all(), registry, commits);
    }

    /** The console's delivery page reads the same meters Prometheus scrapes, and when each inbox group last moved. */
    @Bean
    DeliveryFigures deliveryFigures(MeterRegistry registry, InboxCommitWatch commits) {
        return new DeliveryFigures(registry, commits);
    }

    @Bean
    ApplicationRunner monitoringGauges(MeterRegistry registry, HubMetrics metrics, HandoffOverview handoffs, Clock clock,
                                       PartnerDirectory partners, @Qualifier("kafka") HealthIndicator kafka,
                                       @Qualifier("schemaRegistry") HealthIndicator schemaRegistry) {
        return args -> {
            var ids = partners.all().stream().map(Partner::id).toList();
            metrics.startAtZero(ids);
            HandoffGauges.register(registry, handoffs, clock, ids);
            ComponentGauges.register(registry, "kafka", kafka);
            ComponentGauges.register(registry, "schemaRegistry", schemaRegistry);
        };
    }
}
