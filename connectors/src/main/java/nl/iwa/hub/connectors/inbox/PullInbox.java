package nl.iwa.hub.connectors.inbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.iwa.hub.connectors.ConnectorHub;
import nl.iwa.hub.connectors.ConnectorPartner;
import nl.iwa.hub.connectors.ConnectorSettings;
import nl.iwa.hub.contract.inbox.InboxMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The inbox for a partner that cannot receive calls: a pull returns the messages after the partner's committed
 * position with a cursor; acknowledging the cursor commits up to it in the partner's inbox consumer group, which is
 * what the hub observes as DELIVERED. The hub reads with assigned partitions (no group membership, so no rebalance
 * per request); only the hub uses a pull partner's group.
 *
 * <p>Concurrency: pulls and acks of one partner run one at a time. Two pulls before an ack return the same
 * messages (at least once; the CloudEvent id is stable). Commits only move forward: an ack behind the committed
 * position is refused as stale (409), an ack at it is a harmless repeat.
 */
@Component
public class PullInbox {

    private static final Logger log = LoggerFactory.getLogger(PullInbox.class);
    static final int MAX_BATCH = 100;
    private static final Duration READ_WITHIN = Duration.ofSeconds(5);

    private final ConnectorHub hub;
    private final InboxCloudEvents events;
    private final byte[] key;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public PullInbox(ConnectorHub hub, @Value("${iwa.connectors.hub-oin:99999999000000000999}") String hubOin) {
        this.hub = hub;
        this.events = new InboxCloudEvents(hubOin);
        this.key = hub.secretFor("pull-inbox-cursor");
    }

    public record Batch(List<ObjectNode> events, String cursor) {
    }

    public Batch pull(String partnerId, int max) {
        if (max < 1 || max > MAX_BATCH) {
            throw new PullRefused(400, "parameter 'max' must be between 1 and " + MAX_BATCH);
        }
        ConnectorPartner partner = pullPartner(partnerId);
        synchronized (lock(partner.id())) {
            try (KafkaConsumer<String, byte[]> consumer = consumer(partner)) {
                List<TopicPartition> partitions = assignAtCommitted(consumer, partner);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                Map<Integer, Long> next = new HashMap<>();
                partitions.forEach(tp -> next.put(tp.partition(), consumer.position(tp)));
                List<ObjectNode> batch = new ArrayList<>();
                Set<Integer> cut = new HashSet<>();
                long deadline = System.nanoTime() + READ_WITHIN.toNanos();
                while (batch.size() < max && System.nanoTime() < deadline
                        && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        if (batch.size() >= max || cut.contains(r.partition())) {
                            cut.add(r.partition());
                            continue;
                        }
                        Object decoded = hub.decode(r.topic(), r.value());
                        if (decoded instanceof InboxMessage m) {
                            batch.add(events.event(m));
                        } else {
                            log.error("inbox record {}-{}@{} of {} cannot be decoded; skipped in the pull", r.topic(),
                                    r.partition(), r.offset(), partner.id());
                        }
                        next.put(r.partition(), r.offset() + 1);
                    }
                }
                // a partition read to its end moves past transaction markers too
                partitions.stream().filter(tp -> !cut.contains(tp.partition()))
                        .forEach(tp -> next.merge(tp.partition(), consumer.position(tp), Math::max));
                return new Batch(batch, new InboxCursor(partner.id(), next).seal(key));
            }
        }
    }

    /** Commits up to the cursor; returns the committed position per partition. */
    public Map<Integer, Long> acknowledge(String partnerId, String sealedCursor) {
        ConnectorPartner partner = pullPartner(partnerId);
        InboxCursor cursor = InboxCursor.open(sealedCursor, key)
                .orElseThrow(() -> new PullRefused(400, "field 'cursor' is not a cursor this hub handed out: pull again"));
        if (!cursor.partnerId().equals(partner.id())) {
            throw new PullRefused(403, "field 'cursor' belongs to another partner");
        }
        synchronized (lock(partner.id())) {
            try (KafkaConsumer<String, byte[]> consumer = consumer(partner)) {
                List<TopicPartition> partitions = partitions(consumer, partner);
                Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
                Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
                for (Map.Entry<Integer, Long> e : cursor.next().entrySet()) {
                    TopicPartition tp = new TopicPartition(partner.inboxTopic(), e.getKey());
                    OffsetAndMetadata now = committed.get(tp);
                    long at = now == null ? -1 : now.offset();
                    if (e.getValue() < at) {
                        throw new PullRefused(409, "field 'cursor' is stale: messages after it were already acknowledged; pull again");
                    }
                    if (e.getValue() > at) {
                        commits.put(tp, new OffsetAndMetadata(e.getValue()));
                    }
                }
                if (!commits.isEmpty()) {
                    consumer.commitSync(commits);
                }
                // every partition is now at the cursor: behind it was refused above, ahead of it cannot be
                return new java.util.TreeMap<>(cursor.next());
            }
        }
    }

    private ConnectorPartner pullPartner(String partnerId) {
        return hub.partner(partnerId).filter(p -> p.receivesBy(ConnectorSettings.Delivery.PULL))
                .orElseThrow(() -> new PullRefused(403, "this partner does not pull its inbox (connectors.inbox.delivery is not PULL)"));
    }

    private List<TopicPartition> assignAtCommitted(KafkaConsumer<String, byte[]> consumer, ConnectorPartner partner) {
        List<TopicPartition> partitions = partitions(consumer, partner);
        consumer.assign(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            if (c == null) {
                consumer.seekToBeginning(List.of(tp));
            } else {
                consumer.seek(tp, c.offset());
            }
        }
        return partitions;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, ConnectorPartner partner) {
        return consumer.partitionsFor(partner.inboxTopic(), READ_WITHIN).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    }

    private KafkaConsumer<String, byte[]> consumer(ConnectorPartner partner) {
        Properties props = hub.kafkaProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, partner.inboxConsumerGroup());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_BATCH);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "iwa-hub-pull-" + partner.id());
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private Object lock(String partnerId) {
        return locks.computeIfAbsent(partnerId, id -> new Object());
    }
}
