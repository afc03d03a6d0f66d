package nl.iwa.hub.transport;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes everything that follows from a batch of decisions in one Kafka transaction, together with the offsets
 * of the outbox records decided: the messages to partners, the state, the dead letters and the audit records
 * appear together or not at all (for readers with read_committed), and the records are consumed exactly when
 * their outcome is written. So every
 * accepted message reaches its receiver once, even when the hub is killed between any two steps. One
 * transaction per batch, not per decision: a commit costs a few broker round trips, shared by the batch.
 *
 * <p>A record's {@code onCommitted} runs only once its transaction committed. What the transport does not know about
 * (an audit record becomes a command to the decide task that writes its chain) a {@link TransactionParticipant} says.
 */
public final class TransactionalPublisher implements AutoCloseable {

    private final Properties config;
    private final AvroCodec codec;
    private final TransactionParticipant participant;
    private final Consumer<Duration> deliveryLatency;
    private final Clock clock;
    private final String groupId;
    private final TransactionFence fence;
    private java.util.function.Supplier<Producer<String, byte[]>> producerFactory;
    private Producer<String, byte[]> producer;

    public TransactionalPublisher(KafkaConnection kafka, String transactionalId, String groupId, AvroCodec codec,
                                  TransactionParticipant participant, Consumer<Duration> deliveryLatency, Clock clock,
                                  TransactionFence fence) {
        this.groupId = groupId;
        this.config = producerConfig(kafka, transactionalId);
        this.codec = codec;
        this.participant = participant;
        this.deliveryLatency = deliveryLatency;
        this.clock = clock;
        this.fence = fence;
        Properties producerConfig = config;
        this.producerFactory = () -> new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    }

    /** The configuration of the hub's transactional producer (the {@link TransactionFence} uses the same). */
    public static Properties producerConfig(KafkaConnection kafka, String transactionalId) {
        Properties config = kafka.properties();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0); // a batch is sent as it is decided; the commit is the wait
        return config;
    }

    /** Writes the records of one action (a file batch's report, say) in a transaction of their own. */
    public synchronized void publish(List<Outbound> records) {
        if (records == null || records.isEmpty()) {
            return;
        }
        inTransaction(tx -> tx.write(records), Map.of());
    }

    /**
     * Runs {@code work}, which decides a batch of outbox records and writes what follows from each decision,
     * then commits all of it together with the offsets of the records consumed. A crash or failure anywhere
     * leaves nothing visible and the offsets where they were, so the whole batch is decided again.
     */
    public synchronized void inTransaction(Consumer<Transaction> work, Map<TopicPartition, OffsetAndMetadata> consumed) {
        Producer<String, byte[]> p = producer();
        Transaction tx = new Transaction(p);
        try {
            p.beginTransaction();
            work.accept(tx);
            tx.complete();
            if (!consumed.isEmpty()) {
                p.sendOffsetsToTransaction(consumed, new ConsumerGroupMetadata(groupId));
            }
            p.commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException fatal) {
            // another hub took over this transactional id, or the producer is broken: start afresh next time
            closeProducer();
            throw fatal;
        } catch (RuntimeException e) {
            abort(p);
            throw e;
        }
        for (Outbound out : tx.written) {
            out.onCommitted().run();
            if (out.kind() == Outbound.Kind.DELIVERY && out.sentAt() != null) {
                deliveryLatency.accept(Duration.between(out.sentAt(), clock.instant()));
            }
        }
    }

    /**
     * Runs {@code work} while no transaction of this publisher is open: what it observes of the topics (their end
     * offsets, say) shows every transaction either whole or not at all, on every topic at once.
     */
    public synchronized <T> T betweenTransactions(java.util.function.Supplier<T> work) {
        return work.get();
    }

    /** The writes of the transaction now open. */
    public final class Transaction {

        private final Producer<String, byte[]> producer;
        private final List<Outbound> written = new ArrayList<>();
        private final List<Future<RecordMetadata>> pending = new ArrayList<>();
        private final List<Awaited> awaitingMetadata = new ArrayList<>();
        private final List<Outbound> heldStates = new ArrayList<>();

        private Transaction(Producer<String, byte[]> producer) {
            this.producer = producer;
        }

        /**
         * Sends one record and waits until the broker has it, inside this transaction: for a write whose
         * position the next one records (a replay and its marker on the dead-letter topic).
         */
        public RecordMetadata sendNow(ProducerRecord<String, byte[]> record) {
            return acknowledged(producer.send(record));
        }

        /** Sends the records of one decision, in order, the audit record last. */
        public void write(List<Outbound> decided) {
            List<Outbound> records = decided.stream().map(participant::route).toList();
            // all of the decision counts as written before the first send: if one fails, undo covers the rest too
            written.addAll(records);
            for (Outbound out : records) {
                if (!awaitingMetadata.isEmpty() && out.kind() == Outbound.Kind.HANDOFF_STATE) {
                    // a state may record where an earlier record of the batch landed: it is written once that
                    // is known, and every later state after it, so the states of one handoff keep their order
                    heldStates.add(out);
                    continue;
                }
                Future<RecordMetadata> sent = producer.send(record(out));
                if (out.needsMetadata()) {
                    awaitingMetadata.add(new Awaited(out, sent));
                } else {
                    pending.add(sent);
                }
            }
        }

        /**
         * Learns where the records that others depend on landed (all acknowledged together, one round trip
         * instead of one per handoff), writes the held states, and surfaces any failed send before committing.
         */
        private void complete() {
            for (Awaited a : awaitingMetadata) {
                a.out().onSent().accept(acknowledged(a.sent()));
            }
            for (Outbound state : heldStates) {
                pending.add(producer.send(record(state)));
            }
            pending.forEach(TransactionalPublisher::acknowledged);
        }
    }

    private record Awaited(Outbound out, Future<RecordMetadata> sent) {
    }

    private static RecordMetadata acknowledged(Future<RecordMetadata> sent) {
        try {
            return sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new KafkaException("publishing failed", e.getCause());
        }
    }

    private ProducerRecord<String, byte[]> record(Outbound out) {
        // a dead letter's original bytes, or a record that is not Avro, go as they are
        byte[] value = out.value() == null ? out.rawValue() : codec.encode(out.topic(), out.value());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(out.topic(), out.key(), value);
        out.headers().forEach((k, v) -> record.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        return record;
    }

    private void abort(Producer<String, byte[]> p) {
        try {
            p.abortTransaction();
        } catch (KafkaException e) {
            closeProducer(); // cannot even abort: a fresh producer (same transactional id) fences what is left
        }
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = fence.handOver().orElseGet(() -> {
                Producer<String, byte[]> fresh = producerFactory.get();
                fresh.initTransactions();
                return fresh;
            });
        }
        return producer;
    }

    /** For unit tests: Kafka's MockProducer instead of a broker connection. */
    TransactionalPublisher withProducerFactory(java.util.function.Supplier<Producer<String, byte[]>> factory) {
        this.producerFactory = factory;
        return this;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (KafkaException ignored) {
                // already broken
            }
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        closeProducer();
    }
}
