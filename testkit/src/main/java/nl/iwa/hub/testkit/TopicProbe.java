package nl.iwa.hub.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning and keeps what it read; poll it from an Awaitility condition. */
public final class TopicProbe<T> implements AutoCloseable {

    private final KafkaConsumer<String, T> consumer;
    private final List<ConsumerRecord<String, T>> seen = new ArrayList<>();

    /** @param clientProperties how to reach the broker as whoever reads (left unchanged: the probe copies them) */
    public TopicProbe(Properties clientProperties, String topic, Deserializer<T> valueDeserializer) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        // assigned partitions and no group: a probe commits nothing, so it needs no group ACL
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), valueDeserializer);
        // the hub creates its topics at start-up; wait for them rather than racing it
        List<TopicPartition> partitions = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(i -> new TopicPartition(topic, i.partition())).toList(), l -> !l.isEmpty());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls once more and returns everything read so far. */
    public synchronized List<ConsumerRecord<String, T>> records() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return List.copyOf(seen);
    }

    /** How many records were seen so far, without copying them. */
    public synchronized int count() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen.size();
    }

    public List<T> values() {
        return records().stream().map(ConsumerRecord::value).toList();
    }

    /** Reads until the consumer is at the end offsets as of now, so "nothing arrived" is a real statement. */
    public synchronized List<ConsumerRecord<String, T>> readToEnd() {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
