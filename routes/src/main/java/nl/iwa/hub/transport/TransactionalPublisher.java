package nl.iwa.hub.transport;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import nl.iwa.hub.audit.AuditIndex;
import nl.iwa.hub.audit.AuditTrail;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.observability.HubMetrics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes everything that follows from one decision in one Kafka transaction: the messages to partners, the
 * state, the dead letter and the audit record appear together or not at all (for readers with
 * read_committed). Together with the hub skipping records whose decision is already in the audit, every
 * accepted message reaches its receiver once, even when the hub is killed between any two steps.
 *
 * <p>The chain of audit hashes and the in-memory state follow only what was committed.
 */
public final class TransactionalPublisher implements AutoCloseable {

    private final Properties config;
    private final AvroCodec codec;
    private final AuditTrail audit;
    private final AuditIndex auditIndex;
    private final HubMetrics metrics;
    private final Clock clock;
    private Producer<String, byte[]> producer;

    public TransactionalPublisher(String bootstrapServers, String transactionalId, AvroCodec codec, AuditTrail audit,
                                  AuditIndex auditIndex, HubMetrics metrics, Clock clock) {
        this.config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0); // one small transaction per decision: nothing to wait for
        this.codec = codec;
        this.audit = audit;
        this.auditIndex = auditIndex;
        this.metrics = metrics;
        this.clock = clock;
    }

    public synchronized void publish(List<Outbound> batch) {
        if (batch == null || batch.isEmpty()) {
            return;
        }
        Producer<String, byte[]> p = producer();
        String chainBefore = audit.lastHash();
        List<AuditRecord> audits = new ArrayList<>();
        try {
            p.beginTransaction();
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            for (Outbound out : batch) {
                Future<RecordMetadata> sent = p.send(record(out, audits));
                if (out.needsMetadata()) {
                    // a later record of this batch needs to know where this one landed: wait for it
                    out.onSent().accept(sent.get());
                } else {
                    pending.add(sent);
                }
            }
            for (Future<RecordMetadata> sent : pending) {
                sent.get(); // surface a failed send before committing
            }
            p.commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException fatal) {
            // another hub took over this transactional id, or the producer is broken: start afresh next time
            audit.rewindTo(chainBefore);
            closeProducer();
            throw fatal;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(p, chainBefore);
            throw new KafkaException("interrupted while publishing", e);
        } catch (ExecutionException | RuntimeException e) {
            abort(p, chainBefore);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw cause instanceof RuntimeException r ? r : new KafkaException("publishing failed", cause);
        }
        for (Outbound out : batch) {
            out.onCommitted().run();
            if (out.kind() == Outbound.Kind.DELIVERY && out.sentAt() != null) {
                metrics.deliveryLatency(Duration.between(out.sentAt(), clock.instant()));
            }
        }
        audits.forEach(auditIndex::append);
    }

    private ProducerRecord<String, byte[]> record(Outbound out, List<AuditRecord> audits) {
        byte[] value;
        if (out.kind() == Outbound.Kind.DEAD_LETTER) {
            value = out.rawValue();
        } else {
            if (out.value() instanceof AuditRecord record) {
                // sealed onto the chain as it will stand once this transaction commits
                audit.seal(record);
                audit.written(record);
                audits.add(record);
            }
            value = codec.encode(out.topic(), out.value());
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(out.topic(), null, out.key(), value);
        out.headers().forEach((k, v) -> record.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        return record;
    }

    private void abort(Producer<String, byte[]> p, String chainBefore) {
        audit.rewindTo(chainBefore);
        try {
            p.abortTransaction();
        } catch (KafkaException e) {
            closeProducer(); // cannot even abort: a fresh producer (same transactional id) fences what is left
        }
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
            producer.initTransactions();
        }
        return producer;
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
