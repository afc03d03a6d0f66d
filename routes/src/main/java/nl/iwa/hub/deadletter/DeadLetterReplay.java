package nl.iwa.hub.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.outcome.AuditRecords;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.transport.DeadLetterHeaders;
import nl.iwa.hub.transport.KafkaConnection;
import nl.iwa.hub.transport.Outbound;
import nl.iwa.hub.transport.TransactionalPublisher;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Lists the dead-letter topic and re-injects a parked record into the outbox it came from, exactly as it was,
 * so the hub decides on it again like any new record. The re-injected record, a marker on the dead-letter topic
 * and an audit record naming who replayed it are written in one transaction: a record is replayed at most once,
 * also across restarts of the hub, and never without a trace.
 */
public final class DeadLetterReplay {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConnection kafka;
    private final String deadLetterTopic;
    private final Topics topics;
    private final PartnerDirectory partners;
    private final TransactionalPublisher publisher;
    private final AuditRecords records;

    /** Replays are written by the hub's one publisher: the audit chain has one writer. */
    public DeadLetterReplay(KafkaConnection kafka, Topics topics, PartnerDirectory partners, TransactionalPublisher publisher,
                            Clock clock) {
        this.kafka = kafka;
        this.deadLetterTopic = topics.deadLetter();
        this.topics = topics;
        this.partners = partners;
        this.publisher = publisher;
        this.records = new AuditRecords(clock);
    }

    /** Every parked record, oldest first, with whether and as what it was replayed. */
    public synchronized List<DeadLetter> list() {
        Map<String, DeadLetter> parked = new LinkedHashMap<>();
        Map<String, String> replays = new LinkedHashMap<>();
        readAll(r -> {
            String replayed = header(r, DeadLetterHeaders.REPLAYED);
            if (replayed != null) {
                replays.put(replayed, header(r, DeadLetterHeaders.REPLAYED_AS));
            } else {
                parked.put(r.partition() + "/" + r.offset(), entry(r));
            }
        });
        List<DeadLetter> out = new ArrayList<>();
        parked.forEach((key, d) -> out.add(replays.containsKey(key) ? d.replayed(replays.get(key)) : d));
        return out;
    }

    /**
     * Re-injects the dead letter at {@code partition}/{@code offset} into its source outbox exactly as it was:
     * the parked bytes or, for a record parked by its coordinates only, the original read back from the outbox.
     * Nothing else can be replayed: a correction is the sender's to make, in its own outbox (its name on a
     * message comes from its authentication, not from ops). The source must be the outbox of a known partner.
     * The record, the marker that it was replayed and an audit record naming {@code actor} are written in one
     * transaction, on the audit chain.
     */
    public synchronized Replayed replay(int partition, long offset, String actor) {
        ConsumerRecord<String, byte[]> parked = read(new TopicPartition(deadLetterTopic, partition), offset)
                .orElseThrow(() -> new ReplayRefusedException(ReplayRefusedException.Why.NOT_FOUND,
                        "no dead letter at " + partition + "/" + offset));
        if (header(parked, DeadLetterHeaders.REPLAYED) != null) {
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
        String owner = topics.outboxOwner(entry.sourceTopic());
        if (owner == null || partners.find(owner).isEmpty()) {
            // the headers say where to write: a replay goes nowhere but back into a partner's outbox
            throw new ReplayRefusedException(ReplayRefusedException.Why.NOT_REPLAYABLE, key + " names no partner outbox as its source");
        }
        byte[] value = parked.value();
        if (value == null || value.length == 0) {
            value = read(new TopicPartition(entry.sourceTopic(), entry.sourcePartition()), entry.sourceOffset())
                    .map(ConsumerRecord::value)
                    .orElseThrow(() -> new ReplayRefusedException(ReplayRefusedException.Why.NOT_REPLAYABLE,
                            "the original of " + key + " is no longer on " + entry.sourceTopic()));
        }
        byte[] original = value;
        RecordMetadata[] written = new RecordMetadata[1];
        publisher.inTransaction(tx -> {
            ProducerRecord<String, byte[]> again = new ProducerRecord<>(entry.sourceTopic(), null, null, original);
            again.headers().add(DeadLetterHeaders.REPLAY_OF, ("dlq/" + key).getBytes(StandardCharsets.UTF_8));
            written[0] = tx.sendNow(again);
            String as = written[0].topic() + "/" + written[0].partition() + "/" + written[0].offset();
            ProducerRecord<String, byte[]> marker = new ProducerRecord<>(deadLetterTopic, partition, null, new byte[0]);
            marker.headers().add(DeadLetterHeaders.REPLAYED, key.getBytes(StandardCharsets.UTF_8));
            marker.headers().add(DeadLetterHeaders.REPLAYED_AS, as.getBytes(StandardCharsets.UTF_8));
            tx.sendNow(marker);
            tx.write(List.of(Outbound.avro(Outbound.Kind.AUDIT, topics.audit(), null, audit(owner, partition, offset, as, actor))));
        }, Map.of());
        return new Replayed(key, written[0].topic(), written[0].partition(), written[0].offset());
    }

    /** A person's action on the chain: who replayed which dead letter, and where it went; ids and codes only. */
    private AuditRecord audit(String owner, int partition, long offset, String as, String actor) {
        return records.action(Decision.REPLAYED, "DEAD_LETTER_REPLAY", owner, actor, "replayed into " + as,
                deadLetterTopic, partition, offset).build();
    }

    /** Where a replayed dead letter went. */
    public record Replayed(String deadLetter, String topic, int partition, long offset) {
    }

    private static DeadLetter entry(ConsumerRecord<String, byte[]> r) {
        String size = header(r, DeadLetterHeaders.ORIGINAL_SIZE);
        return new DeadLetter(r.partition(), r.offset(), header(r, DeadLetterHeaders.SOURCE_TOPIC),
                integer(header(r, DeadLetterHeaders.SOURCE_PARTITION)), longValue(header(r, DeadLetterHeaders.SOURCE_OFFSET)),
                header(r, DeadLetterHeaders.REASON_CODE), header(r, DeadLetterHeaders.REASON),
                header(r, DeadLetterHeaders.ERROR_CLASS), size != null || r.value() == null || r.value().length == 0, null);
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
            // a partition that does not exist is no dead letter: answer at once instead of waiting for metadata
            if (consumer.partitionsFor(tp.topic(), TIMEOUT).stream().noneMatch(p -> p.partition() == tp.partition())) {
                return Optional.empty();
            }
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

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        return DeadLetterHeaders.value(r.headers(), name);
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
}
