package nl.iwa.hub.transport;

import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record the hub writes as the result of handling an outbox record. The key and headers never hold
 * personal data: keys are opaque ids, headers are codes and coordinates.
 */
public record Outbound(Kind kind, String topic, String key, SpecificRecord value, byte[] rawValue,
                       Map<String, String> headers, Instant sentAt, Consumer<RecordMetadata> onWritten) {

    public enum Kind { DELIVERY, REJECTION, STATUS_RELAY, ESCALATION, CONSENT_NOTICE, AUDIT, CONSENT_STATE, HANDOFF_STATE, DEAD_LETTER }

    private static final Consumer<RecordMetadata> NOTHING = meta -> { };

    public static Outbound avro(Kind kind, String topic, String key, SpecificRecord value) {
        return new Outbound(kind, topic, key, value, null, Map.of(), null, NOTHING);
    }

    public static Outbound delivery(String topic, String key, SpecificRecord value, Instant sentAt) {
        return new Outbound(Kind.DELIVERY, topic, key, value, null, Map.of(), sentAt, NOTHING);
    }

    public static Outbound deadLetter(String topic, byte[] raw, Map<String, String> headers) {
        return new Outbound(Kind.DEAD_LETTER, topic, null, null, raw, Map.copyOf(headers), null, NOTHING);
    }

    /**
     * The same record, with a callback run once the broker acknowledged it; records later in the same batch
     * see its effect (e.g. a handoff's state learns where its delivery was written).
     */
    public Outbound whenWritten(Consumer<RecordMetadata> callback) {
        return new Outbound(kind, topic, key, value, rawValue, headers, sentAt, onWritten.andThen(callback));
    }
}
