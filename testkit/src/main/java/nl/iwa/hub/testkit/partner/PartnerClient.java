package nl.iwa.hub.testkit.partner;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testkit.TopicProbe;
import nl.iwa.hub.testkit.messages.OutboxMessages;
import nl.iwa.hub.testkit.registry.RegistryWriter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A partner system as the hub sees it: writes Avro to its own outbox, reads its own inbox. Like a real partner it
 * registers nothing in the schema registry (it has no account there): its serializer looks the OutboxMessage
 * schema up by content under its outbox subject, where the hub registered it at start-up ({@link PartnerSerdes}).
 */
public final class PartnerClient implements AutoCloseable {

    private final String partnerId;
    private final String prefix;
    private final Properties clientProperties;
    private final String registryUrl;
    private final KafkaProducer<String, Object> producer;
    private final KafkaProducer<String, byte[]> rawProducer;
    private TopicProbe<InboxMessage> inbox;

    /** For a hub on the default topic prefix. */
    public PartnerClient(String partnerId, Properties clientProperties, String registryUrl) {
        this(partnerId, PartnerTopics.DEFAULT_PREFIX, clientProperties, registryUrl);
    }

    /**
     * @param prefix           the hub's topic prefix
     * @param clientProperties how this partner reaches the broker (its own credentials), plus any producer settings
     *                         of its own (client.id, linger.ms); left unchanged
     */
    public PartnerClient(String partnerId, String prefix, Properties clientProperties, String registryUrl) {
        this.partnerId = partnerId;
        this.prefix = prefix;
        this.clientProperties = copy(clientProperties);
        this.registryUrl = registryUrl;
        Properties p = copy(clientProperties);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // room for the tests' oversized records: the hub, not the partner's client, is to refuse them
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 3 * 1024 * 1024);
        producer = new KafkaProducer<>(p, new StringSerializer(), PartnerSerdes.serializer(registryUrl));
        rawProducer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static Properties copy(Properties p) {
        Properties c = new Properties();
        c.putAll(p);
        return c;
    }

    public String id() {
        return partnerId;
    }

    public String outbox() {
        return PartnerTopics.outbox(prefix, partnerId);
    }

    public String inboxTopic() {
        return PartnerTopics.inbox(prefix, partnerId);
    }

    /** A message from this partner with fresh ids and timestamps; callers set receiver, purpose and body. */
    public OutboxMessage.Builder message(String receiver, String purpose, Object body) {
        return OutboxMessages.envelope(partnerId, receiver, purpose, body);
    }

    /** Writes to this partner's outbox, keyed by the case (correlation id), and waits for the broker. */
    public RecordMetadata send(OutboxMessage message) {
        return await(sendAsync(message, null));
    }

    /** Without waiting for the broker, for volume; {@link #flush()} waits for all of them. */
    public Future<RecordMetadata> sendAsync(OutboxMessage message) {
        return sendAsync(message, null);
    }

    /** Without waiting; {@code done} hears the outcome (may be null). */
    public Future<RecordMetadata> sendAsync(OutboxMessage message, Callback done) {
        return producer.send(new ProducerRecord<>(outbox(), message.getCorrelationId(), message), done);
    }

    public void flush() {
        producer.flush();
    }

    /**
     * Writes an InboxMessage (valid Avro of a registered schema, but not the outbox's) to this partner's outbox,
     * framed with the id the hub uses for it on this partner's inbox: what a partner that copies the schema id of
     * what it reads would write. A partner cannot register a schema of its own choosing, so the schema is put
     * under the inbox subject with the hub's account ({@code hubAccount}) and exactly as the hub's codec does on its
     * first delivery there (the same content, and so the same id).
     */
    public RecordMetadata sendAny(String key, Object avroRecord, RegistryWriter hubAccount) {
        Map<String, Object> asHub = new HashMap<>();
        asHub.put(SchemaResolverConfig.REGISTRY_URL, registryUrl);
        asHub.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true);
        asHub.put(SchemaResolverConfig.AUTH_USERNAME, hubAccount.username());
        asHub.put(SchemaResolverConfig.AUTH_PASSWORD, hubAccount.password());
        byte[] bytes;
        try (AvroKafkaSerializer<Object> s = new AvroKafkaSerializer<>()) {
            s.configure(asHub, false);
            bytes = s.serialize(inboxTopic(), avroRecord);
        }
        return await(rawProducer.send(new ProducerRecord<>(outbox(), key, bytes)));
    }

    /** Any bytes at all to this partner's outbox (key "raw"), waiting for the broker. */
    public RecordMetadata sendRaw(byte[] bytes) {
        return await(sendRawAsync("raw", bytes, null));
    }

    /** Any bytes at all, without waiting; {@code done} hears the outcome (may be null). */
    public Future<RecordMetadata> sendRawAsync(String key, byte[] bytes, Callback done) {
        return rawProducer.send(new ProducerRecord<>(outbox(), key, bytes), done);
    }

    /** The whole inbox from the beginning, without a consumer group (a probe, not the partner's own system). */
    public synchronized TopicProbe<InboxMessage> inbox() {
        if (inbox == null) {
            inbox = new TopicProbe<>(clientProperties, inboxTopic(), PartnerSerdes.deserializerOf(InboxMessage.class, registryUrl));
        }
        return inbox;
    }

    /** Inbox messages belonging to one case. */
    public List<InboxMessage> inboxFor(String correlationId) {
        return inbox().values().stream().filter(m -> m.getCorrelationId().equals(correlationId)).toList();
    }

    /**
     * This partner's own system reading its inbox with its configured consumer group, from the beginning, read
     * committed, committing by hand ({@link InboxReader#pollAndCommit}): that commit is what lets the hub observe a
     * handoff as DELIVERED.
     */
    public InboxReader inboxReader(String group) {
        Properties p = copy(clientProperties);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new InboxReader(p, registryUrl).subscribe(inboxTopic());
    }

    private static RecordMetadata await(Future<RecordMetadata> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    /** Waits at most {@code timeout} per producer for what is still unsent: a stopping demo must not hang on a gone broker. */
    public void close(Duration timeout) {
        producer.close(timeout);
        rawProducer.close(timeout);
        if (inbox != null) {
            inbox.close();
        }
    }

    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }
}
