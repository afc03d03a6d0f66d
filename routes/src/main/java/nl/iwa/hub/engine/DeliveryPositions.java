package nl.iwa.hub.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Where a decide task's handoff deliveries landed on the inboxes. Inside the topology the offset of a forwarded record
 * is never known, so a delivery is placed afterwards: the inbox partition its key hashes to is read (read_committed,
 * so only deliveries whose transaction committed) until its message id turns up. With that offset the delivery watch
 * tells when the receiver's group has consumed it.
 *
 * <p>Each inbox partition is read on from where the task's last look ended, never again from the start: at the time of
 * a look every delivery the task forwarded is already among its unplaced ones (the task decides and looks on one
 * thread, and a delivery is only visible once the decision that forwarded it committed), so a committed record passed
 * once needs no second look. Only records whose key is one of the sought deliveries' keys are decoded. A task new on
 * this hub (a start, a rebalance) starts each partition at the earliest sought delivery's timestamp.
 */
public final class DeliveryPositions implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long one look reads at most: it runs on the task's stream thread, so a long read would hold up decisions;
     * what is left is read on the next beat.
     */
    private static final Duration READING = Duration.ofSeconds(1);

    private final KafkaConnection kafka;
    private final AvroCodec codec;
    private final Map<String, Integer> partitionCounts = new HashMap<>();
    /** Per inbox partition: every committed record before this offset has been looked at. */
    private final Map<TopicPartition, Long> lookedAtUpTo = new HashMap<>();
    private Admin admin;
    private KafkaConsumer<String, byte[]> consumer;

    /** A delivery to find: the inbox it went to, its key, its message id, and when it was forwarded. */
    record Sought(String handoffId, String inbox, String key, String messageId, long forwardedAt) {
    }

    /** Where it was found. */
    record Placed(int partition, long offset) {
    }

    public DeliveryPositions(KafkaConnection kafka, AvroCodec codec) {
        this.kafka = kafka;
        this.codec = codec;
    }

    /**
     * The deliveries found, by handoff id; one not found yet (its decision not committed yet) is left out and sought
     * again next time. All partitions of one look are read together: one request for their ends, one for where a
     * partition new to this task starts, then one fetch over all of them.
     */
    Map<String, Placed> place(List<Sought> sought) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, List<Sought>> byPartition = new HashMap<>();
        for (Sought s : sought) {
            int partitions = partitionCount(s.inbox());
            // where Kafka's default partitioner puts the delivery's key, as the sink's producer did
            int p = Utils.toPositive(Utils.murmur2(s.key().getBytes(StandardCharsets.UTF_8))) % partitions;
            byPartition.computeIfAbsent(new TopicPartition(s.inbox(), p), k -> new ArrayList<>()).add(s);
        }
        KafkaConsumer<String, byte[]> c = consumer();
        // a read_committed consumer's end is the last stable offset: nothing past it can be read yet
        Map<TopicPartition, Long> ends = c.endOffsets(byPartition.keySet(), TIMEOUT);
        Map<TopicPartition, Long> starts = new HashMap<>();
        Map<TopicPartition, Long> firstForwarded = new HashMap<>();
        for (Map.Entry<TopicPartition, List<Sought>> e : byPartition.entrySet()) {
            Long cursor = lookedAtUpTo.get(e.getKey());
            if (cursor != null) {
                starts.put(e.getKey(), cursor);
            } else {
                firstForwarded.put(e.getKey(), e.getValue().stream().mapToLong(Sought::forwardedAt).min().orElseThrow());
            }
        }
        if (!firstForwarded.isEmpty()) {
            c.offsetsForTimes(firstForwarded, TIMEOUT).forEach((tp, at) -> {
                // none at or after that time below the stable end: the deliveries are not readable yet
                starts.put(tp, at == null ? ends.get(tp) : at.offset());
            });
        }
        Map<TopicPartition, Long> toRead = new HashMap<>();
        starts.forEach((tp, from) -> {
            Long end = ends.get(tp);
            if (end != null && from != null && from < end) {
                toRead.put(tp, end);
            } else if (end != null && from != null) {
                lookedAtUpTo.put(tp, Math.max(from, lookedAtUpTo.getOrDefault(tp, 0L)));
            }
        });
        if (toRead.isEmpty()) {
            return Map.of();
        }
        Map<String, Map<String, String>> wanted = new HashMap<>(); // key -> message id -> handoff id
        sought.forEach(s -> wanted.computeIfAbsent(s.key(), k -> new HashMap<>()).put(s.messageId(), s.handoffId()));
        Map<String, Placed> found = new HashMap<>();
        c.assign(toRead.keySet());
        toRead.keySet().forEach(tp -> c.seek(tp, starts.get(tp)));
        long deadline = System.nanoTime() + READING.toNanos();
        while (!allRead(c, toRead) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                Map<String, String> ofKey = r.offset() >= toRead.get(tp) || r.value() == null ? null : wanted.get(r.key());
                if (ofKey != null && codec.decode(r.topic(), r.value()) instanceof InboxMessage m) {
                    String handoffId = ofKey.get(m.getMessageId().toString());
                    if (handoffId != null) {
                        found.put(handoffId, new Placed(r.partition(), r.offset()));
                    }
                }
            }
        }
        // what was read stays read; a partition not read to its end goes on from where it stopped next time
        toRead.forEach((tp, end) -> lookedAtUpTo.put(tp, Math.min(c.position(tp), end)));
        c.unsubscribe();
        return found;
    }

    private static boolean allRead(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> toRead) {
        for (Map.Entry<TopicPartition, Long> e : toRead.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private int partitionCount(String topic) throws ExecutionException, InterruptedException, TimeoutException {
        Integer known = partitionCounts.get(topic);
        if (known == null) {
            known = admin().describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic).partitions().size();
            partitionCounts.put(topic, known);
        }
        return known;
    }

    /** The task's admin client, made when first needed (the record limits ask through it too). */
    Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafka.properties());
        }
        return admin;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        if (consumer == null) {
            Properties p = kafka.properties();
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
            consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        }
        return consumer;
    }

    @Override
    public void close() {
        try {
            if (consumer != null) {
                consumer.close(Duration.ofSeconds(5));
            }
        } catch (KafkaException ignored) {
            // closing anyway
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
