package nl.iwa.hub.connectors.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import nl.iwa.hub.connectors.ConnectorHub;
import nl.iwa.hub.connectors.ConnectorPartner;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an accepted REST message to its partner's outbox and its {@link Receipt} to the hub's compacted receipts
 * topic in one Kafka transaction, so that either both exist or neither: a repeat of the message (same partner, same
 * messageId, same content) gets the first answer and no second record, also after a hub restart (the receipts are
 * read back before the first write); the same messageId with other content is refused (409).
 *
 * <p>Receipts are keyed by the partner and a hash of the messageId: a key never holds a caller's text. One
 * transactional producer, so writes are serialised; a running hub holds the receipts it wrote and those it read at
 * its start (several hub instances behind one load balancer should route a partner to one instance).
 */
public final class RestReceipts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RestReceipts.class);

    private final ConnectorHub hub;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Receipt> receipts = new ConcurrentHashMap<>();
    private KafkaProducer<String, byte[]> producer;

    public RestReceipts(ConnectorHub hub) {
        this.hub = hub;
    }

    /** The receipt, and whether it is that of an earlier identical message (nothing was written then). */
    public record Accepted(Receipt receipt, boolean repeat) {
    }

    /** Writes the message, or finds it written before; a used messageId with other content is a 409. */
    public synchronized Accepted accept(ConnectorPartner partner, OutboxMessage message, String bodyDigest, long now) {
        start();
        String key = key(partner.id(), message.getMessageId());
        Receipt earlier = receipts.get(key);
        if (earlier != null) {
            if (!earlier.bodyDigest().equals(bodyDigest)) {
                throw new RequestRefused(409, "Conflict",
                        "'messageId' was used before for a message with other content; a new message needs a new messageId");
            }
            return new Accepted(earlier, true);
        }
        Receipt receipt = new Receipt(partner.id(), message.getMessageId(), message.getCorrelationId(), bodyDigest, now);
        write(partner, message, key, receipt);
        receipts.put(key, receipt);
        return new Accepted(receipt, false);
    }

    private void write(ConnectorPartner partner, OutboxMessage message, String key, Receipt receipt) {
        byte[] value = hub.encode(partner.outboxTopic(), message);
        try {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(partner.outboxTopic(), message.getCorrelationId(), value));
            producer.send(new ProducerRecord<>(hub.restReceiptsTopic(), key, json.writeValueAsBytes(receipt)));
            producer.commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            // the producer cannot go on: a new one (and a fresh read of the receipts) for the next request
            log.warn("REST ingress producer closed after {}; the request is refused, nothing was written", e.getClass().getSimpleName());
            closeProducer();
            throw unavailable();
        } catch (KafkaException | IOException e) {
            log.warn("REST ingress write aborted after {}; the request is refused, nothing was written", e.getClass().getSimpleName());
            try {
                producer.abortTransaction();
            } catch (KafkaException abortFailed) {
                closeProducer();
            }
            throw unavailable();
        }
    }

    private static RequestRefused unavailable() {
        return new RequestRefused(503, "Service Unavailable", "the hub could not record the message; send it again later", 5L);
    }

    /**
     * Takes over the transactional id, then reads the receipts written so far. In that order: taking over waits
     * until an earlier instance's last transaction has ended (committed, if it died after asking to commit), so
     * the read sees every receipt that instance committed.
     */
    private void start() {
        if (producer != null) {
            return;
        }
        Properties p = hub.kafkaProperties();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, hub.transactionalIdPrefix() + "rest");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        KafkaProducer<String, byte[]> created = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        try {
            created.initTransactions();
        } catch (KafkaException e) {
            created.close(Duration.ZERO);
            log.warn("REST ingress cannot start its producer: {}", e.getClass().getSimpleName());
            throw unavailable();
        }
        try {
            load();
        } catch (RuntimeException e) {
            created.close(Duration.ZERO);
            throw e;
        }
        producer = created;
    }

    private void load() {
        int[] read = {0};
        try {
            hub.readAll(hub.restReceiptsTopic(), r -> {
                if (r.value() != null) {
                    try {
                        receipts.put(r.key(), json.readValue(r.value(), Receipt.class));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    read[0]++;
                }
            });
            log.info("REST ingress read {} receipts", read[0]);
        } catch (KafkaException | IllegalStateException | java.io.UncheckedIOException e) {
            log.warn("REST ingress cannot read its receipts: {}", e.getClass().getSimpleName());
            throw unavailable();
        }
    }

    static String key(String partnerId, String messageId) {
        return partnerId + "/" + sha256(messageId);
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
        receipts.clear();
    }

    @Override
    public synchronized void close() {
        closeProducer();
    }
}
