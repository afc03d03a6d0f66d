package nl.iwa.hub.transport;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.iwa.hub.contract.common.ReasonCode;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers of a record on the dead-letter topic, named once: the intake writes them, the replay and the
 * delivery watch read them, and ops tooling lists them. Values are codes and coordinates only, never a
 * resident's data. The connectors module (which cannot depend on this one) names the same strings in its
 * {@code DeadLetterParking}; a unit test holds the two together.
 */
public final class DeadLetterHeaders {

    public static final String ERROR_CLASS = "iwa.error.class";
    public static final String REASON_CODE = "iwa.error.reason-code";
    public static final String REASON = "iwa.error.reason";
    /** The size of a record parked by its coordinates only (the original stays on its outbox). */
    public static final String ORIGINAL_SIZE = "iwa.error.original-size";
    public static final String SOURCE_TOPIC = "iwa.source.topic";
    public static final String SOURCE_PARTITION = "iwa.source.partition";
    public static final String SOURCE_OFFSET = "iwa.source.offset";
    /** On a record re-injected into an outbox: which dead letter it replays. */
    public static final String REPLAY_OF = "iwa.replay.of";
    /** On a replay marker on the dead-letter topic: the dead letter that was replayed, and where it went. */
    public static final String REPLAYED = "iwa.replayed";
    public static final String REPLAYED_AS = "iwa.replayed.as";
    /** On an inbox record a connector parked: the partner whose connector gave up on it. */
    public static final String CONNECTOR_PARTNER = "iwa.connector.partner";

    private DeadLetterHeaders() {
    }

    /** Why a record was parked and where it was read, in the order ops tooling shows them. */
    public static Map<String, String> parked(String errorClass, ReasonCode code, String reason, String sourceTopic,
                                             int sourcePartition, long sourceOffset) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ERROR_CLASS, errorClass);
        headers.put(REASON_CODE, code.name());
        headers.put(REASON, reason);
        headers.put(SOURCE_TOPIC, sourceTopic);
        headers.put(SOURCE_PARTITION, Integer.toString(sourcePartition));
        headers.put(SOURCE_OFFSET, Long.toString(sourceOffset));
        return headers;
    }

    /** The last value of header {@code name}, or {@code null}. */
    public static String value(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
