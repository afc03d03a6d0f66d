package nl.iwa.hub.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Where a decide task's handoff deliveries landed on the inboxes. Inside the topology the offset of a forwarded record
 * is never known, so a delivery is placed afterwards: once the task's committed position on the decide topic has passed
 * the request (the transaction that wrote the delivery committed), the inbox partition its key hashes to is read from
 * the delivery's timestamp to the partition's committed end until its message id turns up. With that offset the
 * delivery watch tells, as with the classic engine, when the receiver's group has consumed it.
 */
public final class DeliveryPositions implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KafkaConnection kafka;
    private final AvroCodec codec;
    private final String decideGroup;
    private final Map<String, Integer> partitionCounts = new HashMap<>();
    private Admin admin;
    private KafkaConsumer<String, byte[]> consumer;

    /** A delivery to find: the inbox it went to, its key, its message id, and when it was forwarded. */
    record Sought(String handoffId, String inbox, String key, String messageId, long forwardedAt) {
    }

    /** Where it was found. */
    record Placed(int partition, long offset) {
    }

    public DeliveryPositions(KafkaConnection kafka, AvroCodec codec, String decideGroup) {
        this.kafka = kafka;
        this.codec = codec;
        this.decideGroup = decideGroup;
    }

    /** The task's committed position on its decide partition; -1 when it has none yet. */
    long committed(TopicPartition decidePartition) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> positions = admin().listConsumerGroupOffsets(Map.of(decideGroup,
                        new ListConsumerGroupOffsetsSpec().topicPartitions(List.of(decidePartition))))
                .partitionsToOffsetAndMetadata(decideGroup).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        OffsetAndMetadata at = positions.get(decidePartition);
        return at == null ? -1 : at.offset();
    }

    /** The deliveries found, by handoff id; one not found yet is left out (tried again next time). */
    Map<String, Placed> place(List<Sought> sought) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, List<Sought>> byPartition = new HashMap<>();
        for (Sought s : sought) {
            int partitions = partitionCount(s.inbox());
            // where Kafka's default partitioner puts the delivery's key, as the sink's producer did
            int p = Utils.toPositive(Utils.murmur2(s.key().getBytes(StandardCharsets.UTF_8))) % partitions;
            byPartition.computeIfAbsent(new TopicPartition(s.inbox(), p), k -> new ArrayList<>()).add(s);
        }
        Map<String, Placed> found = new HashMap<>();
        for (Map.Entry<TopicPartition, List<Sought>> e : byPartition.entrySet()) {
            found.putAll(scan(e.getKey(), e.getValue()));
        }
        return found;
    }

    private Map<String, Placed> scan(TopicPartition tp, List<Sought> sought)
            throws ExecutionException, InterruptedException, TimeoutException {
        long earliest = sought.stream().mapToLong(Sought::forwardedAt).min().orElseThrow();
        Long from = offset(tp, OffsetSpec.forTimestamp(earliest));
        Long end = offset(tp, OffsetSpec.latest());
        Map<String, Placed> found = new HashMap<>();
        if (from == null || end == null || from < 0 || from >= end) {
            return found;
        }
        Map<String, String> wanted = new HashMap<>();
        sought.forEach(s -> wanted.put(s.messageId(), s.handoffId()));
        Set<String> left = new HashSet<>(wanted.keySet());
        KafkaConsumer<String, byte[]> c = consumer();
        c.assign(List.of(tp));
        c.seek(tp, from);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!left.isEmpty() && c.position(tp) < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                if (r.offset() >= end || r.value() == null) {
                    continue;
                }
                if (codec.decode(tp.topic(), r.value()) instanceof InboxMessage m && left.remove(m.getMessageId())) {
                    found.put(wanted.get(m.getMessageId()), new Placed(tp.partition(), r.offset()));
                }
            }
        }
        return found;
    }

    private Long offset(TopicPartition tp, OffsetSpec spec) throws ExecutionException, InterruptedException, TimeoutException {
        var info = admin().listOffsets(Map.of(tp, spec), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).partitionResult(tp)
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return info.offset();
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

    private Admin admin() {
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
