package nl.iwa.hub.routing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import nl.iwa.hub.config.HubProperties;
import nl.iwa.hub.intake.OutboxBatchDecider;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.transport.DeadLetterHeaders;
import nl.iwa.hub.transport.RawOutboxRecord;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * Reads every partner outbox as raw bytes, in batches, and hands each batch to the decider; the decisions live
 * there. With {@code iwa.intake.rekeyed} it reads the decide topic instead, where the intake topology put each
 * outbox record keyed by its resident, with the outbox, partition and offset it came from in headers only the hub
 * can write (the topic is the hub's alone): a record is decided as if read from that outbox. Offsets are never committed by the consumer: they are committed in the transaction that writes the
 * batch's outcomes. When a batch fails for good, breakOnFirstError makes the consumer reconnect and read again
 * from those committed offsets, so intake pauses instead of skipping anything.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "iwa", name = "engine", havingValue = "classic")
public class OutboxIntakeRoute extends RouteBuilder {

    public static final String ROUTE_ID = "outbox-intake";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OutboxIntakeRoute.class);

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
        String sources = props.intake().rekeyed() ? props.topics().decide()
                : partners.all().stream().map(p -> props.topics().outbox(p.id())).collect(Collectors.joining(","));
        from("kafka:" + sources
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
        decider.decide(exchanges.stream().map(e -> raw(((Exchange) e).getIn())).filter(java.util.Objects::nonNull).toList());
    }

    private RawOutboxRecord raw(Message in) {
        if (props.intake().rekeyed()) {
            return rekeyed(in);
        }
        String topic = in.getHeader(KafkaConstants.TOPIC, String.class);
        return new RawOutboxRecord(topic,
                in.getHeader(KafkaConstants.PARTITION, Integer.class),
                in.getHeader(KafkaConstants.OFFSET, Long.class),
                in.getBody(byte[].class),
                props.topics().outboxOwner(topic));
    }

    /**
     * A record of the decide topic, as read from the outbox it came from; null for one without its origin. Only the
     * hub may write that topic and the intake topology always sets the origin, so such a record was not written by
     * the hub: it is left out (logged by its coordinates), since no partner can be answered for it.
     */
    private RawOutboxRecord rekeyed(Message in) {
        String topic = header(in, DeadLetterHeaders.SOURCE_TOPIC);
        String partition = header(in, DeadLetterHeaders.SOURCE_PARTITION);
        String offset = header(in, DeadLetterHeaders.SOURCE_OFFSET);
        String owner = props.topics().outboxOwner(topic);
        if (owner == null || partition == null || offset == null) {
            log.error("left out {}-{}@{}: a record on the decide topic without the outbox it came from",
                    in.getHeader(KafkaConstants.TOPIC), in.getHeader(KafkaConstants.PARTITION), in.getHeader(KafkaConstants.OFFSET));
            return null;
        }
        return RawOutboxRecord.rekeyed(topic, partition, offset, in.getBody(byte[].class), owner,
                new RawOutboxRecord.ReadAt(new TopicPartition(in.getHeader(KafkaConstants.TOPIC, String.class),
                        in.getHeader(KafkaConstants.PARTITION, Integer.class)), in.getHeader(KafkaConstants.OFFSET, Long.class)),
                header(in, DeadLetterHeaders.ORIGINAL_SIZE));
    }

    private static String header(Message in, String name) {
        Object v = in.getHeader(name);
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return v == null ? null : v.toString();
    }
}
