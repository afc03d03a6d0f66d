package nl.iwa.hub.transport;

import java.time.Instant;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record the hub writes as the result of handling an outbox record. The key and headers never hold
 * personal data: keys are opaque ids, headers are codes and coordinates.
 */
public record Outbound(Kind kind, String topic, String key, SpecificRecord value, byte[] rawValue,
                       Map<String, String> headers, Instant sentAt, String receiverPartnerId) {

    public enum Kind { DELIVERY, REJECTION, AUDIT, CONSENT_STATE, DEAD_LETTER }

    public static Outbound avro(Kind kind, String topic, String key, SpecificRecord value) {
        return new Outbound(kind, topic, key, value, null, Map.of(), null, null);
    }

    public static Outbound delivery(String topic, String key, SpecificRecord value, Instant sentAt, String receiver) {
        return new Outbound(Kind.DELIVERY, topic, key, value, null, Map.of(), sentAt, receiver);
    }

    public static Outbound deadLetter(String topic, byte[] raw, Map<String, String> headers) {
        return new Outbound(Kind.DEAD_LETTER, topic, null, null, raw, Map.copyOf(headers), null, null);
    }
}
