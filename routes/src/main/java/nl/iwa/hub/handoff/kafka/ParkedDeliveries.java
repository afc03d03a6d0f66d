package nl.iwa.hub.handoff.kafka;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import nl.iwa.hub.transport.DeadLetterHeaders;
import nl.iwa.hub.transport.KafkaConnection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The inbox records that were parked on the dead-letter topic instead of reaching the partner: a webhook
 * connector that gives up on a record parks it there by its coordinates and then commits past it, so the next
 * message flows. Its committed offset alone would make the record look DELIVERED; {@link DeliveryWatch} asks
 * here first. Only records whose source is an inbox count: the hub's own dead letters come from outboxes.
 *
 * <p>Read incrementally with one consumer of its own, read_uncommitted: the parking is no transaction, and a
 * read_committed reader stops at an open transaction of the hub's on that topic, which could hide a parking
 * written after it. Aborted records the hub wrote there come from outboxes and are not counted.
 */
public final class ParkedDeliveries implements AutoCloseable {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final String deadLetterTopic;
    private final java.util.function.Predicate<String> isInbox;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<String> parked = new HashSet<>();
    private List<TopicPartition> partitions;

    public ParkedDeliveries(KafkaConnection kafka, String deadLetterTopic, java.util.function.Predicate<String> isInbox) {
        this.deadLetterTopic = deadLetterTopic;
        this.isInbox = isInbox;
        Properties props = kafka.properties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "iwa-hub-parked-deliveries");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Whether this inbox record was parked. Reads the dead-letter topic up to its current end first: a parking
     * is written before the connector commits past it, so everything parked before the commit that made the
     * record look consumed is seen.
     */
    public synchronized boolean parked(String inboxTopic, int partition, long offset) {
        catchUp();
        return wasParked(inboxTopic, partition, offset);
    }

    /** Whether this inbox record was parked, as far as the last {@link #catchUp} read: no broker round trip. */
    public synchronized boolean wasParked(String inboxTopic, int partition, long offset) {
        return parked.contains(key(inboxTopic, partition, offset));
    }

    /** Reads the dead-letter topic up to its current end. */
    public synchronized void catchUp() {
        if (partitions == null) {
            partitions = consumer.partitionsFor(deadLetterTopic, WITHIN).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, WITHIN);
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), WITHIN) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read the dead-letter topic within " + WITHIN);
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                String source = DeadLetterHeaders.value(r.headers(), DeadLetterHeaders.SOURCE_TOPIC);
                String sourcePartition = DeadLetterHeaders.value(r.headers(), DeadLetterHeaders.SOURCE_PARTITION);
                String sourceOffset = DeadLetterHeaders.value(r.headers(), DeadLetterHeaders.SOURCE_OFFSET);
                if (source != null && isInbox.test(source) && sourcePartition != null && sourceOffset != null) {
                    try {
                        parked.add(key(source, Integer.parseInt(sourcePartition), Long.parseLong(sourceOffset)));
                    } catch (NumberFormatException notCoordinates) {
                        // not a parking a connector wrote; nothing to count
                    }
                }
            }
        }
    }

    private static String key(String topic, int partition, long offset) {
        return topic + "/" + partition + "@" + offset;
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
