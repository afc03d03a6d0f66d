package nl.iwa.hub.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import nl.iwa.hub.transport.KafkaConnection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lists the dead-letter topic and re-injects a parked record into the outbox it came from, as it was or as
 * corrected by its sender, so the hub decides on it again like any new record. The re-injected record and a
 * marker on the dead-letter topic are written in one transaction: a record is replayed at most once, also
 * across restarts of the hub.
 */
public final class DeadLetterReplay implements AutoCloseable {

    static final String REPLAY_OF = "iwa.replay.of";
    static final String REPLAYED = "iwa.replayed";
    static final String REPLAYED_AS = "iwa.replayed.as";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConnection kafka;
    private final String deadLetterTopic;
    private final String transactionalId;
    private KafkaProducer<String, byte[]> producer;

    public DeadLetterReplay(KafkaConnection kafka, String deadLetterTopic, String transactionalId) {
        this.kafka = kafka;
        this.deadLetterTopic = deadLetterTopic;
        this.transactionalId = transactionalId;
    }

    /** Every parked record, oldest first, with whether and as what it was replayed. */
    public synchronized List<DeadLetter> list() {
        Map<String, DeadLetter> parked = new LinkedHashMap<>();
        Map<String, String> replays = new LinkedHashMap<>();
        readAll(r -> {
            String replayed = header(r, REPLAYED);
            if (replayed != null) {
                replays.put(replayed, header(r, REPLAYED_AS));
            } else {
                parked.put(r.partition() + "/" + r.offset(), entry(r));
            }
        });
        List<DeadLetter> out = new ArrayList<>();
        parked.forEach((key, d) -> out.add(replays.containsKey(key) ? d.replayed(replays.get(key)) : d));
        return out;
    }

    /**
     * Re-injects the dead letter at {@code partition}/{@code offset} into its source outbox: {@code corrected}
     * if given (the sender's corrected record, Avro in the registry's wire format), otherwise the parked bytes,
     * or, for a record parked by its coordinates only, the original read back from the outbox.
     */
    public synchronized Replayed replay(int partition, long offset, byte[] corrected) {
        ConsumerRecord<String, byte[]> parked = read(new TopicPartition(deadLetterTopic, partition), offset)
                .orElseThrow(() -> new ReplayRefusedException(ReplayRefusedException.Why.NOT_FOUND,
                        "no dead letter at " + partition + "/" + offset));
        if (header(parked, REPLAYED) != null) {
            throw new ReplayRefusedException(ReplayRefusedException.Why.NOT_FOUND, partition + "/" + offset + " is a replay marker, not a dead letter");
        }
        DeadLetter entry = entry(parked);
        String key = partition + "/" + offset;
        Optional<DeadLetter> already = list().stream().filter(d -> (d.partition() + "/" + d.offset()).equals(key) && d.replayedAs() != null).findFirst();
        if (already.isPresent()) {
            throw new ReplayRefusedException(ReplayRefusedException.Why.ALREADY_REPLAYED,
                    key + " was already replayed as " + already.get().replayedAs());
        }
        if (entry.sourceTopic() == null || entry.sourcePartition() == null || entry.sourceOffset() == null) {
            throw new ReplayRefusedException(ReplayRefusedException.Why.NOT_REPLAYABLE, key + " carries no source coordinates");
        }
        byte[] value = corrected != null && corrected.length > 0 ? corrected : parked.value();
        if (value == null || value.length == 0) {
            value = read(new TopicPartition(entry.sourceTopic(), entry.sourcePartition()), entry.sourceOffset())
                    .map(ConsumerRecord::value)
                    .orElseThrow(() -> new ReplayRefusedException(ReplayRefusedException.Why.NOT_REPLAYABLE,
                            "the original of " + key + " is no longer on " + entry.sourceTopic()));
        }
        KafkaProducer<String, byte[]> p = producer();
        p.beginTransaction();
        try {
            ProducerRecord<String, byte[]> again = new ProducerRecord<>(entry.sourceTopic(), null, null, value);
            again.headers().add(REPLAY_OF, ("dlq/" + key).getBytes(StandardCharsets.UTF_8));
            RecordMetadata written = p.send(again).get();
            String as = written.topic() + "/" + written.partition() + "/" + written.offset();
            ProducerRecord<String, byte[]> marker = new ProducerRecord<>(deadLetterTopic, partition, null, new byte[0]);
            marker.headers().add(REPLAYED, key.getBytes(StandardCharsets.UTF_8));
            marker.headers().add(REPLAYED_AS, as.getBytes(StandardCharsets.UTF_8));
            p.send(marker).get();
            p.commitTransaction();
            return new Replayed(key, written.topic(), written.partition(), written.offset(), corrected != null && corrected.length > 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(p);
            throw new IllegalStateException("interrupted while replaying " + key, e);
        } catch (Exception e) {
            abort(p);
            throw new IllegalStateException("replaying " + key + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Where a replayed dead letter went. */
    public record Replayed(String deadLetter, String topic, int partition, long offset, boolean corrected) {
    }

    private static DeadLetter entry(ConsumerRecord<String, byte[]> r) {
        String size = header(r, "iwa.error.original-size");
        return new DeadLetter(r.partition(), r.offset(), header(r, "iwa.source.topic"), integer(header(r, "iwa.source.partition")),
                longValue(header(r, "iwa.source.offset")), header(r, "iwa.error.reason-code"), header(r, "iwa.error.reason"),
                header(r, "iwa.error.class"), size != null || r.value() == null || r.value().length == 0, null);
    }

    private void readAll(java.util.function.Consumer<ConsumerRecord<String, byte[]>> sink) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, TIMEOUT).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the dead-letter topic within " + TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(sink);
            }
        }
    }

    private Optional<ConsumerRecord<String, byte[]>> read(TopicPartition tp, long offset) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            if (offset < 0 || offset >= end) {
                return Optional.empty();
            }
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return Optional.of(r);
                    }
                    if (r.offset() > offset) {
                        return Optional.empty(); // a transaction marker or an aborted record was there
                    }
                }
            }
            return Optional.empty();
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties props = kafka.properties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = kafka.properties();
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
            producer.initTransactions();
        }
        return producer;
    }

    private void abort(KafkaProducer<String, byte[]> p) {
        try {
            p.abortTransaction();
        } catch (RuntimeException e) {
            p.close(Duration.ZERO);
            producer = null;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longValue(String s) {
        try {
            return s == null ? null : Long.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
