package nl.iwa.hub.routing;

import java.util.List;
import java.util.stream.Collectors;
import nl.iwa.hub.config.HubProperties;
import nl.iwa.hub.intake.OutboxBatchDecider;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.transport.RawOutboxRecord;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * Reads every partner outbox as raw bytes, in batches, and hands each batch to the decider; the decisions live
 * there. Offsets are never committed by the consumer: they are committed in the transaction that writes the
 * batch's outcomes. When a batch fails for good, breakOnFirstError makes the consumer reconnect and read again
 * from those committed offsets, so intake pauses instead of skipping anything.
 */
@Component
public class OutboxIntakeRoute extends RouteBuilder {

    public static final String ROUTE_ID = "outbox-intake";

    private final HubProperties props;
    private final PartnerDirectory partners;
    private final OutboxBatchDecider decider;
    private final HubLock lock;

    public OutboxIntakeRoute(HubProperties props, PartnerDirectory partners, OutboxBatchDecider decider, HubLock lock) {
        this.props = props;
        this.partners = partners;
        this.decider = decider;
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
                + "&isolationLevel=read_committed"
                + "&batching=true"
                + "&maxPollRecords=" + props.intake().maxBatch()
                + "&pollTimeoutMs=" + props.intake().batchWaitMs()
                + "&batchingIntervalMs=" + props.intake().batchWaitMs()
                + "&autoCommitEnable=false"
                + "&allowManualCommit=true" // a commit manager that commits nothing by itself
                + "&breakOnFirstError=true"
                // a hub killed without leaving the group holds its partitions until the session times out: keep
                // that short, so a restarted hub resumes within seconds instead of the client default of 45
                + "&sessionTimeoutMs=10000"
                + "&heartbeatIntervalMs=3000")
                .routeId(ROUTE_ID)
                .routeConfigurationId(HubErrorHandling.ID)
                .process(lock::acquire)
                .doTry()
                    .process(this::decide)
                .doFinally()
                    .process(lock::release)
                .end();
    }

    private void decide(Exchange batch) {
        List<?> exchanges = batch.getIn().getBody(List.class);
        decider.decide(exchanges.stream().map(e -> raw(((Exchange) e).getIn())).toList());
    }

    private RawOutboxRecord raw(Message in) {
        String topic = in.getHeader(KafkaConstants.TOPIC, String.class);
        return new RawOutboxRecord(topic,
                in.getHeader(KafkaConstants.PARTITION, Integer.class),
                in.getHeader(KafkaConstants.OFFSET, Long.class),
                in.getBody(byte[].class),
                props.topics().outboxOwner(topic));
    }
}
