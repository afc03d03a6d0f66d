package nl.iwa.hub.testing;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.transport.KafkaConnection;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A partner system as the hub sees it: writes Avro to its own outbox, reads its own inbox. Like a real partner it
 * registers nothing in the schema registry (it has no account there): its serializer looks the OutboxMessage
 * schema up by content under its outbox subject, where the hub registered it at start-up.
 */
public final class PartnerClient implements AutoCloseable {

    private final String partnerId;
    private final String prefix;
    private final KafkaConnection connection;
    private final String registryUrl;
    private final KafkaProducer<String, Object> producer;
    private final KafkaProducer<String, byte[]> rawProducer;
    private TopicProbe<InboxMessage> inbox;

    public PartnerClient(String partnerId, KafkaConnection connection, String registryUrl) {
        this(partnerId, "iwa", connection, registryUrl);
    }

    /** For a hub started with its own topic prefix. */
    public PartnerClient(String partnerId, String prefix, KafkaConnection connection, String registryUrl) {
        this.partnerId = partnerId;
        this.prefix = prefix;
        this.connection = connection;
        this.registryUrl = registryUrl;
        Properties p = connection.properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 3 * 1024 * 1024);
        producer = new KafkaProducer<>(p, new StringSerializer(), serializer());
        rawProducer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private AvroKafkaSerializer<Object> serializer() {
        return serializer(registryUrl);
    }

    /**
     * A partner's serializer: anonymous, no auto-registration, no find-latest: the schema of the record is looked
     * up by its content under {@code <topic>-value}, so a partner on an older release finds its own version. The
     * content is the whole schema ({@code dereference-schema}), as the hub registered it.
     */
    public static AvroKafkaSerializer<Object> serializer(String registryUrl) {
        AvroKafkaSerializer<Object> s = new AvroKafkaSerializer<>();
        s.configure(Map.of(SchemaResolverConfig.REGISTRY_URL, registryUrl,
                SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, false,
                SchemaResolverConfig.FIND_LATEST_ARTIFACT, false,
                SchemaResolverConfig.DEREFERENCE_SCHEMA, true), false);
        return s;
    }

    public static AvroKafkaDeserializer<Object> deserializer(String registryUrl) {
        AvroKafkaDeserializer<Object> d = new AvroKafkaDeserializer<>();
        d.configure(Map.of(SchemaResolverConfig.REGISTRY_URL, registryUrl, AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true), false);
        return d;
    }

    public String id() {
        return partnerId;
    }

    public String outbox() {
        return prefix + "." + partnerId + ".outbox";
    }

    /** A message from this partner with fresh ids and timestamps; callers set receiver, purpose and body. */
    public OutboxMessage.Builder message(String receiver, String purpose, Object body) {
        Instant now = Instant.now();
        return OutboxMessage.newBuilder()
                .setMessageId(UUID.randomUUID().toString())
                .setCorrelationId(UUID.randomUUID().toString())
                .setSenderPartnerId(partnerId)
                .setReceiverPartnerId(receiver)
                .setPurpose(purpose)
                .setOccurredAt(now)
                .setSentAt(now)
                .setBody(body);
    }

    public RecordMetadata send(OutboxMessage message) {
        return await(producer.send(new ProducerRecord<>(outbox(), message.getCorrelationId(), message)));
    }

    /** Without waiting for the broker, for volume; {@link #flush()} waits for all of them. */
    public void sendAsync(OutboxMessage message) {
        producer.send(new ProducerRecord<>(outbox(), message.getCorrelationId(), message));
    }

    public void flush() {
        producer.flush();
    }

    /**
     * Writes an InboxMessage (valid Avro of a registered schema, but not the outbox's) to this partner's outbox,
     * framed with the id the hub uses for it on this partner's inbox: what a partner that copies the schema id of
     * what it reads would write. A partner cannot register a schema of its own choosing, so the schema is put
     * under the inbox subject with the hub's account and exactly as the hub's codec does on its first delivery
     * there (the same content, and so the same id).
     */
    public RecordMetadata sendAny(String key, Object avroRecord) {
        TestInfrastructure infra = TestInfrastructure.get();
        Map<String, Object> asHub = new java.util.HashMap<>();
        asHub.put(SchemaResolverConfig.REGISTRY_URL, registryUrl);
        asHub.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true);
        asHub.put(SchemaResolverConfig.AUTH_USERNAME, infra.registryWriter().username());
        asHub.put(SchemaResolverConfig.AUTH_PASSWORD, infra.registryWriter().password());
        byte[] bytes;
        try (AvroKafkaSerializer<Object> s = new AvroKafkaSerializer<>()) {
            s.configure(asHub, false);
            bytes = s.serialize(prefix + "." + partnerId + ".inbox", avroRecord);
        }
        return await(rawProducer.send(new ProducerRecord<>(outbox(), key, bytes)));
    }

    public RecordMetadata sendRaw(byte[] bytes) {
        return await(rawProducer.send(new ProducerRecord<>(outbox(), "raw", bytes)));
    }

    public synchronized TopicProbe<InboxMessage> inbox() {
        if (inbox == null) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            TopicProbe<InboxMessage> probe = new TopicProbe<>(connection, prefix + "." + partnerId + ".inbox", (org.apache.kafka.common.serialization.Deserializer) deserializer(registryUrl));
            inbox = probe;
        }
        return inbox;
    }

    /**
     * This partner's own system reading its inbox with its configured consumer group and committing what it
     * read: that commit is what lets the hub observe a handoff as DELIVERED. Call {@link GroupReader#pollAndCommit}
     * from an Awaitility condition.
     */
    public GroupReader groupReader(String group) {
        return new GroupReader(connection, prefix + "." + partnerId + ".inbox", group);
    }

    public static final class GroupReader implements AutoCloseable {
        private final org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> consumer;

        GroupReader(KafkaConnection connection, String topic, String group) {
            Properties p = connection.properties();
            p.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, group);
            p.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            p.put(org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(p,
                    new org.apache.kafka.common.serialization.StringDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer());
            consumer.subscribe(List.of(topic));
        }

        public int pollAndCommit() {
            int read = consumer.poll(java.time.Duration.ofMillis(200)).count();
            consumer.commitSync();
            return read;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    /** Inbox messages belonging to one case. */
    public List<InboxMessage> inboxFor(String correlationId) {
        return inbox().values().stream().filter(m -> m.getCorrelationId().equals(correlationId)).toList();
    }

    private static RecordMetadata await(java.util.concurrent.Future<RecordMetadata> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    @Override
    public void close() {
        producer.close();
        rawProducer.close();
        if (inbox != null) {
            inbox.close();
        }
    }
}
