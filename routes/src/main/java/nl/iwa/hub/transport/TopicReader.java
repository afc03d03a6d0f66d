package nl.iwa.hub.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads hub-internal topics at start-up, without a consumer group: whole (state rebuild) or just the tail. */
public final class TopicReader {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final KafkaConnection kafka;

    public TopicReader(KafkaConnection kafka) {
        this.kafka = kafka;
    }

    /** How many partitions the topic has now. */
    public int partitionCount(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return partitions(consumer, topic).size();
        }
    }

    /** Every record from the beginning up to the end offsets seen when the read starts. */
    public long readAll(String topic, Consumer<ConsumerRecord<String, byte[]>> sink) {
        return readUpTo(topic, null, sink);
    }

    /**
     * Where the committed records of each partition end now (the last stable offsets): to read several topics as
     * they stood at one moment, see {@link #readUpTo}.
     */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return Map.copyOf(consumer.endOffsets(partitions(consumer, topic)));
        }
    }

    /**
     * Waits until no transaction that was open when called holds back what a read_committed reader sees of the topic
     * (its last stable offsets reach its high watermarks as they were), at most {@code atMost}: a writer that died
     * mid-transaction holds it back until the broker aborts that transaction (its transaction timeout).
     *
     * @return whether it came to that within {@code atMost}
     */
    public boolean awaitSettled(String topic, Duration atMost) {
        Map<TopicPartition, Long> written;
        try (KafkaConsumer<String, byte[]> uncommitted = consumer("read_uncommitted")) {
            written = uncommitted.endOffsets(partitions(uncommitted, topic));
        }
        Instant deadline = Instant.now().plus(atMost);
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            while (true) {
                Map<TopicPartition, Long> stable = consumer.endOffsets(written.keySet());
                if (written.entrySet().stream().allMatch(e -> stable.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                    return true;
                }
                if (Instant.now().isAfter(deadline)) {
                    return false;
                }
                try {
                    Thread.sleep(200); // polling the broker; nothing to be notified by
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new org.apache.kafka.common.errors.InterruptException(e);
                }
            }
        }
    }

    /** Every record from the beginning up to {@code end} (from {@link #endOffsets}; null: the end seen now). */
    public long readUpTo(String topic, Map<TopicPartition, Long> end, Consumer<ConsumerRecord<String, byte[]>> sink) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = end == null ? partitions(consumer, topic) : List.copyOf(end.keySet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            if (end == null) {
                end = consumer.endOffsets(partitions);
            }
            long count = 0;
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (!reached(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue; // committed after the moment the read stands for
                    }
                    sink.accept(r);
                    count++;
                }
            }
            return count;
        }
    }

    /**
     * The records of a single-partition topic from {@code fromOffset} up to the end seen when the read starts,
     * until {@code sink} says stop: for reading a page without reading the whole topic.
     */
    public void readFrom(String topic, long fromOffset, java.util.function.Predicate<ConsumerRecord<String, byte[]>> sink) {
        readFrom(new TopicPartition(topic, 0), fromOffset, sink);
    }

    /** As {@link #readFrom(String, long, java.util.function.Predicate)}, for one partition of a topic. */
    public void readFrom(TopicPartition tp, long fromOffset, java.util.function.Predicate<ConsumerRecord<String, byte[]>> sink) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long start = Math.max(fromOffset, consumer.beginningOffsets(List.of(tp)).get(tp));
            if (start >= end) {
                return;
            }
            consumer.seek(tp, start);
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (consumer.position(tp) < end) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + tp + " within " + TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= end || !sink.test(r)) {
                        return;
                    }
                }
            }
        }
    }

    /** The last record of a single-partition topic, if it has any. */
    public Optional<ConsumerRecord<String, byte[]>> last(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long begin = consumer.beginningOffsets(List.of(tp)).get(tp);
            if (end <= begin) {
                return Optional.empty();
            }
            consumer.seek(tp, end - 1);
            Instant deadline = Instant.now().plus(TIMEOUT);
            ConsumerRecord<String, byte[]> last = null;
            while (consumer.position(tp) < end) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read the tail of " + topic + " within " + TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    last = r;
                }
            }
            return Optional.ofNullable(last);
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic, TIMEOUT).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return consumer("read_committed");
    }

    /** @param isolation read_committed for what is committed; read_uncommitted to see where writers stand */
    private KafkaConsumer<String, byte[]> consumer(String isolation) {
        Properties props = kafka.properties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(props);
    }
}
