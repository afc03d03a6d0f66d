package nl.iwa.hub.ops.bench;

import io.apicurio.registry.resolver.SchemaResolver;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.data.SerdeMetadata;
import io.apicurio.registry.serde.data.SerdeRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import nl.iwa.hub.contract.inbox.HandoffDelivery;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.inbox.SignalDelivery;
import nl.iwa.hub.contract.inbox.StatusRelay;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.contract.outbox.Signal;
import nl.iwa.hub.ops.demo.Partners;
import nl.iwa.hub.testkit.broker.ClientSettings;
import nl.iwa.hub.testkit.registry.RegistryWriter;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The baseline: a plain kafka-clients relay from {@code raw.<partner>.outbox} to the receiver's
 * {@code raw.<partner>.inbox}, with the same Apicurio Avro serde and the same envelope translation, but no
 * policy, consent, minimisation, audit, handoff state or transactions (at-least-once: an idempotent producer
 * with acks=all, consumer offsets auto-committed). What the hub costs on top of moving the bytes.
 */
final class RawRelay implements Runnable, AutoCloseable {

    private final String prefix;
    private final KafkaConsumer<String, Object> consumer;
    private final KafkaProducer<String, Object> producer;
    private final Map<String, String> handoffSenders = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** {@code writer}: the hub's registry account; the relay stands in for the hub, registering what it writes. */
    RawRelay(String prefix, ClientSettings connection, String registryUrl, RegistryWriter writer) {
        this.prefix = prefix;
        Properties c = connection.properties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "raw-relay-" + prefix);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 2000);
        AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(Map.of(SchemaResolverConfig.REGISTRY_URL, registryUrl,
                AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true), false);
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), deserializer);
        Properties p = connection.properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        AvroKafkaSerializer<Object> serializer = new AvroKafkaSerializer<>();
        serializer.configure(Map.of(SchemaResolverConfig.REGISTRY_URL, registryUrl,
                SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true,
                SchemaResolverConfig.DEREFERENCE_SCHEMA, true, // whole schemas, as the hub registers them
                SchemaResolverConfig.AUTH_USERNAME, writer.username(),
                SchemaResolverConfig.AUTH_PASSWORD, writer.password()), false);
        registerOutboxSchemas(serializer, prefix);
        producer = new KafkaProducer<>(p, new StringSerializer(), serializer);
        thread = new Thread(this, "raw-relay");
        thread.setDaemon(true);
    }

    /**
     * As the hub does at start-up: the OutboxMessage schema under every partner's outbox subject of this prefix,
     * which the workload's partners then only look up by content (they register nothing).
     */
    private static void registerOutboxSchemas(AvroKafkaSerializer<Object> serializer, String prefix) {
        SchemaResolver<Schema, Object> resolver = serializer.getSchemaResolver();
        for (String partner : Partners.ALL) {
            resolver.reset(); // its cache is by content alone: the same schema would not reach the next subject
            resolver.resolveSchema(new SerdeRecord<>(new SerdeMetadata(prefix + "." + partner + ".outbox", false),
                    new GenericData.Record(OutboxMessage.getClassSchema())));
        }
    }

    void start() {
        consumer.subscribe(Pattern.compile(Pattern.quote(prefix + ".") + "[^.]+\\.outbox"));
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.value() instanceof OutboxMessage m) {
                        relay(m);
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke it
        }
    }

    private void relay(OutboxMessage m) {
        Object body = m.getBody();
        String to = m.getReceiverPartnerId();
        Object delivered;
        if (body instanceof Signal s) {
            delivered = SignalDelivery.newBuilder().setSignalType(s.getSignalType()).setDomain(s.getDomain())
                    .setUrgency(s.getUrgency()).setSubject(s.getSubject()).setFacts(s.getFacts()).build();
        } else if (body instanceof HandoffRequest h) {
            handoffSenders.put(h.getHandoffId(), m.getSenderPartnerId());
            delivered = HandoffDelivery.newBuilder().setHandoffId(h.getHandoffId()).setReasonCode(h.getReasonCode())
                    .setRequestedAction(h.getRequestedAction()).setDomain(h.getDomain()).setUrgency(h.getUrgency())
                    .setSubject(h.getSubject()).setFacts(h.getFacts()).build();
        } else if (body instanceof HandoffUpdate u) {
            to = handoffSenders.getOrDefault(u.getHandoffId(), to);
            delivered = StatusRelay.newBuilder().setHandoffId(u.getHandoffId()).setStatus(u.getStatus())
                    .setAccountable(u.getAccountable()).build();
        } else {
            return; // consent changes: nothing to relay without a consent registry
        }
        InboxMessage out = InboxMessage.newBuilder()
                .setMessageId(m.getMessageId() + "/" + to)
                .setCorrelationId(m.getCorrelationId())
                .setCausationId(m.getMessageId())
                .setOriginPartnerId(m.getSenderPartnerId())
                .setReceiverPartnerId(to)
                .setCreatedAt(Instant.now())
                .setPurpose(m.getPurpose())
                .setBody(delivered)
                .build();
        producer.send(new ProducerRecord<>(prefix + "." + to + ".inbox", m.getCorrelationId(), out));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
        producer.close(Duration.ofSeconds(5));
    }
}
