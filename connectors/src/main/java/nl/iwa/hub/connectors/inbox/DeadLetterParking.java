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
    // the hub's dead-letter header names (routes' DeadLetterHeaders, which this module cannot see; a test in
    // routes holds the two together)
    static final String ERROR_CLASS_HEADER = "iwa.error.class";
    static final String REASON_CODE_HEADER = "iwa.error.reason-code";
    static final String REASON_HEADER = "iwa.error.reason";
    static final String SOURCE_TOPIC_HEADER = "iwa.source.topic";
    static final String SOURCE_PARTITION_HEADER = "iwa.source.partition";
    static final String SOURCE_OFFSET_HEADER = "iwa.source.offset";
    static final String PARTNER_HEADER = "iwa.connector.partner";

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
        header(parked, ERROR_CLASS_HEADER, ERROR_CLASS);
        header(parked, REASON_CODE_HEADER, reasonCode);
        header(parked, REASON_HEADER, reason);
        header(parked, SOURCE_TOPIC_HEADER, record.topic());
        header(parked, SOURCE_PARTITION_HEADER, Integer.toString(record.partition()));
        header(parked, SOURCE_OFFSET_HEADER, Long.toString(record.offset()));
        header(parked, PARTNER_HEADER, partnerId);
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
