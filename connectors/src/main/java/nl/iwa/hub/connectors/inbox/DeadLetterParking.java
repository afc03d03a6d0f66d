package nl.iwa.hub.connectors.inbox;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.iwa.hub.connectors.ConnectorHub;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Parks an inbox record that a webhook never took on the hub's dead-letter topic, by its coordinates only (no
 * payload: the record stays on the inbox for its retention and holds personal data), with the hub's dead-letter
 * headers, so {@code GET /api/ops/dead-letters} lists it with its reason. A replay there refuses it (it is no
 * outbox record): the receiver's system is what must be fixed, then ops re-deliver by moving the group back.
 */
final class DeadLetterParking implements AutoCloseable {

    static final String ERROR_CLASS = "WebhookDelivery";

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;

    DeadLetterParking(ConnectorHub hub) {
        this.topic = hub.deadLetterTopic();
        Properties props = hub.kafkaProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // a repeated park after a crash is a harmless duplicate line for ops; no idempotent-producer rights needed
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "iwa-hub-webhook-dead-letters");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    void park(ConsumerRecord<?, ?> record, String partnerId, String reasonCode, String reason)
            throws InterruptedException, ExecutionException, TimeoutException {
        ProducerRecord<String, byte[]> parked = new ProducerRecord<>(topic, null, null, new byte[0]);
        header(parked, "iwa.error.class", ERROR_CLASS);
        header(parked, "iwa.error.reason-code", reasonCode);
        header(parked, "iwa.error.reason", reason);
        header(parked, "iwa.source.topic", record.topic());
        header(parked, "iwa.source.partition", Integer.toString(record.partition()));
        header(parked, "iwa.source.offset", Long.toString(record.offset()));
        header(parked, "iwa.connector.partner", partnerId);
        producer.send(parked).get(30, TimeUnit.SECONDS);
    }

    private static void header(ProducerRecord<String, byte[]> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
