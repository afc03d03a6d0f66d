package nl.iwa.hub.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import nl.iwa.hub.audit.AuditIndex;
import nl.iwa.hub.audit.AuditTrail;
import nl.iwa.hub.config.HubProperties;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.observability.HubMetrics;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.Outbound;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.stereotype.Component;

/**
 * Writes the handler's records in order: deliveries and rejections to inboxes, consent state, dead letters,
 * and the audit record last, sealed into the hash chain just before it is written. Only the key and the
 * explicit dead-letter headers reach Kafka; every inbound header is dropped first.
 */
@Component
public class PublishRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:publish";
    public static final String ROUTE_ID = "hub-publish";
    private static final String OUTBOUND = "iwa.outbound";

    private final HubProperties props;
    private final AvroCodec codec;
    private final AuditTrail audit;
    private final AuditIndex auditIndex;
    private final HubMetrics metrics;
    private final Clock clock;

    public PublishRoute(HubProperties props, AvroCodec codec, AuditTrail audit, AuditIndex auditIndex, HubMetrics metrics, Clock clock) {
        this.props = props;
        this.codec = codec;
        this.audit = audit;
        this.auditIndex = auditIndex;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void configure() {
        from(ENDPOINT)
                .routeId(ROUTE_ID)
                .routeConfigurationId(HubErrorHandling.ID)
                .split(body()).stopOnException()
                    .process(this::prepare)
                    .to("kafka:" + props.topics().deadLetter()
                            + "?keySerializer=org.apache.kafka.common.serialization.StringSerializer"
                            + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer"
                            + "&requestRequiredAcks=all"
                            + "&enableIdempotence=true"
                            + "&recordMetadata=true")
                    .process(this::written)
                .end();
    }

    private void prepare(Exchange exchange) {
        Message msg = exchange.getIn();
        Outbound out = msg.getBody(Outbound.class);
        exchange.setProperty(OUTBOUND, out);
        msg.removeHeaders("*");
        byte[] value;
        if (out.kind() == Outbound.Kind.DEAD_LETTER) {
            value = out.rawValue();
            out.headers().forEach(msg::setHeader);
        } else {
            if (out.value() instanceof AuditRecord record) {
                audit.seal(record);
            }
            value = codec.encode(out.topic(), out.value());
        }
        msg.setHeader(KafkaConstants.OVERRIDE_TOPIC, out.topic());
        if (out.key() != null) {
            msg.setHeader(KafkaConstants.KEY, out.key());
        }
        msg.setBody(value);
    }

    private void written(Exchange exchange) {
        Outbound out = exchange.getProperty(OUTBOUND, Outbound.class);
        List<?> meta = exchange.getIn().getHeader(KafkaConstants.KAFKA_RECORD_META, List.class);
        if (meta != null && !meta.isEmpty() && meta.get(0) instanceof RecordMetadata written) {
            out.onWritten().accept(written);
        }
        if (out.value() instanceof AuditRecord record) {
            audit.written(record);
            auditIndex.append(record);
        }
        if (out.kind() == Outbound.Kind.DELIVERY && out.sentAt() != null) {
            metrics.deliveryLatency(Duration.between(out.sentAt(), clock.instant()));
        }
    }
}
