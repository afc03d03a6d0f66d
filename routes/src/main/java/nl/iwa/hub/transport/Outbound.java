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
                       Map<String, String> headers, Instant sentAt, Consumer<RecordMetadata> onSent,
                       Runnable onCommitted) {

    public enum Kind {
        DELIVERY, REJECTION, STATUS_RELAY, ESCALATION, CONSENT_NOTICE, AUDIT, CONSENT_STATE, HANDOFF_STATE, DEAD_LETTER,
        /** A batch file's report in the partner's inbox (file batch intake). */
        FILE_REPORT,
        /** A batch file's progress record (JSON) on the hub's file intake topic. */
        FILE_PROGRESS,
        /** Who else is involved with a resident, in a partner's inbox. */
        INVOLVEMENT_NOTICE
    }

    private static final Consumer<RecordMetadata> NOTHING = meta -> { };
    private static final Runnable NOTHING_MORE = () -> { };

    public static Outbound avro(Kind kind, String topic, String key, SpecificRecord value) {
        return new Outbound(kind, topic, key, value, null, Map.of(), null, NOTHING, NOTHING_MORE);
    }

    public static Outbound delivery(String topic, String key, SpecificRecord value, Instant sentAt) {
        return new Outbound(Kind.DELIVERY, topic, key, value, null, Map.of(), sentAt, NOTHING, NOTHING_MORE);
    }

    public static Outbound deadLetter(String topic, byte[] raw, Map<String, String> headers) {
        return new Outbound(Kind.DEAD_LETTER, topic, null, null, raw, Map.copyOf(headers), null, NOTHING, NOTHING_MORE);
    }

    /** A record whose value is written as it is (not Avro), e.g. a connector's progress record. */
    public static Outbound raw(Kind kind, String topic, String key, byte[] value) {
        return new Outbound(kind, topic, key, null, value, Map.of(), null, NOTHING, NOTHING_MORE);
    }

    /**
     * The same record, with a callback run once the broker acknowledged it inside the transaction, before any
     * handoff state written after it in the same transaction (a handoff's state learns where its delivery was
     * written).
     */
    public Outbound whenSent(Consumer<RecordMetadata> callback) {
        return new Outbound(kind, topic, key, value, rawValue, headers, sentAt, onSent.andThen(callback), onCommitted);
    }

    /** Whether a later record of the batch depends on where this one was written (see {@link #whenSent}). */
    public boolean needsMetadata() {
        return onSent != NOTHING;
    }

    /** The same record, with an action run only once its transaction committed (in-memory state follows Kafka). */
    public Outbound whenCommitted(Runnable action) {
        Runnable before = onCommitted;
        return new Outbound(kind, topic, key, value, rawValue, headers, sentAt, onSent, () -> {
            before.run();
            action.run();
        });
    }
}
