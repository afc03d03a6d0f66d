package nl.iwa.hub.routing;

import java.util.stream.Collectors;
import nl.iwa.hub.config.HubProperties;
import nl.iwa.hub.intake.OutboxRecordHandler;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.transport.RawOutboxRecord;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/** Reads every partner outbox as raw bytes and hands each record to the handler; the decisions live there. */
@Component
public class OutboxIntakeRoute extends RouteBuilder {

    public static final String ROUTE_ID = "outbox-intake";

    private final HubProperties props;
    private final PartnerDirectory partners;
    private final OutboxRecordHandler handler;
    private final HubLock lock;

    public OutboxIntakeRoute(HubProperties props, PartnerDirectory partners, OutboxRecordHandler handler, HubLock lock) {
        this.props = props;
        this.partners = partners;
        this.handler = handler;
        this.lock = lock;
    }

    @Override
    public void configure() {
        String outboxes = partners.all().stream().map(p -> props.topics().outbox(p.id())).collect(Collectors.joining(","));
        from("kafka:" + outboxes
                + "?groupId=" + props.kafka().groupId()
                + "&keyDeserializer=org.apache.kafka.common.serialization.StringDeserializer"
                + "&valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer"
                + "&autoOffsetReset=earliest"
                + "&breakOnFirstError=true"
                + "&maxPollRecords=200"
                + "&isolationLevel=read_committed")
                .routeId(ROUTE_ID)
                .routeConfigurationId(HubErrorHandling.ID)
                .process(lock::acquire)
                .doTry()
                    .process(this::handle)
                    .to(PublishRoute.ENDPOINT)
                .doFinally()
                    .process(lock::release)
                .end();
    }

    private void handle(Exchange exchange) {
        var in = exchange.getIn();
        String topic = in.getHeader(KafkaConstants.TOPIC, String.class);
        RawOutboxRecord raw = new RawOutboxRecord(topic,
                in.getHeader(KafkaConstants.PARTITION, Integer.class),
                in.getHeader(KafkaConstants.OFFSET, Long.class),
                in.getBody(byte[].class),
                props.topics().outboxOwner(topic));
        in.setBody(handler.handle(raw));
    }
}
