package nl.iwa.hub.routing;

import java.util.List;
import nl.iwa.hub.transport.Outbound;
import nl.iwa.hub.transport.TransactionalPublisher;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Writes the records that follow from one of the hub's own decisions (the handoff clock's: relays, escalations,
 * state and the audit record last) in one Kafka transaction. A failure is retried by the shared error handling, each
 * time as a new transaction; nothing half-written is ever visible to read_committed readers.
 */
@Component
public class PublishRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:publish";
    public static final String ROUTE_ID = "hub-publish";

    private final TransactionalPublisher publisher;

    public PublishRoute(TransactionalPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void configure() {
        from(ENDPOINT)
                .routeId(ROUTE_ID)
                .routeConfigurationId(HubErrorHandling.ID)
                .process(this::publish);
    }

    @SuppressWarnings("unchecked")
    private void publish(Exchange exchange) {
        publisher.publish(exchange.getIn().getBody(List.class));
    }
}
