package nl.iwa.hub.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The broker and the registry as Prometheus sees them: 1 when the health check finds them reachable, 0 when not,
 * asked at each scrape (the Kafka check gives up after 3 s, within Prometheus' scrape timeout).
 */
public final class ComponentGauges {

    private ComponentGauges() {
    }

    public static void register(MeterRegistry registry, String component, HealthIndicator indicator) {
        Gauge.builder("iwa.component.up", indicator, i -> Status.UP.equals(i.health().getStatus()) ? 1 : 0)
                .description("1 when the hub reaches this component (kafka, schemaRegistry), 0 when not")
                .tag("component", component).register(registry);
    }
}
