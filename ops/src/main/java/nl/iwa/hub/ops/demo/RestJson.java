package nl.iwa.hub.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Set;
import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.contract.outbox.Signal;
import org.apache.avro.generic.IndexedRecord;

/**
 * An outbox message as the JSON of the hub's REST API (connectors/src/main/resources/openapi/iwa-connect-v1.yaml):
 * the envelope's fields at the top and the body record under {@code body}, with the contract's names; enums as
 * their symbols, times ISO-8601, dates yyyy-mm-dd; fields without a value left out. The sender is left out as
 * well: the hub takes it from the token, which is the point of the API.
 */
final class RestJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> LEFT_OUT = Set.of("senderPartnerId", "body");

    private RestJson() {
    }

    /** The path under {@code /api/connect/v1/} that takes this message's body. */
    static String path(OutboxMessage m) {
        Object body = m.getBody();
        if (body instanceof Signal) {
            return "signals";
        } else if (body instanceof HandoffRequest) {
            return "handoff-requests";
        } else if (body instanceof HandoffUpdate) {
            return "handoff-updates";
        } else if (body instanceof ConsentChange) {
            return "consent-changes";
        }
        throw new IllegalArgumentException("no REST path for a " + body.getClass().getSimpleName());
    }

    static ObjectNode of(OutboxMessage m) {
        ObjectNode node = JSON.objectNode();
        for (org.apache.avro.Schema.Field f : m.getSchema().getFields()) {
            if (!LEFT_OUT.contains(f.name())) {
                put(node, f.name(), m.get(f.pos()));
            }
        }
        node.set("body", record((IndexedRecord) m.getBody()));
        return node;
    }

    private static ObjectNode record(IndexedRecord r) {
        ObjectNode node = JSON.objectNode();
        for (org.apache.avro.Schema.Field f : r.getSchema().getFields()) {
            put(node, f.name(), r.get(f.pos()));
        }
        return node;
    }

    private static void put(ObjectNode node, String name, Object value) {
        JsonNode v = value(value);
        if (v != null) {
            node.set(name, v);
        }
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return null;
        } else if (v instanceof IndexedRecord r) {
            return record(r);
        } else if (v instanceof Instant i) {
            // the contract's precision (timestamp-millis), as a Kafka partner's serializer writes it
            return JSON.textNode(i.truncatedTo(ChronoUnit.MILLIS).toString());
        } else if (v instanceof LocalDate || v instanceof CharSequence || v instanceof Enum<?>) {
            return JSON.textNode(v.toString());
        } else if (v instanceof Integer n) {
            return JSON.numberNode(n);
        } else if (v instanceof Long n) {
            return JSON.numberNode(n);
        } else if (v instanceof Boolean b) {
            return JSON.booleanNode(b);
        } else if (v instanceof Collection<?> items) {
            ArrayNode array = JSON.arrayNode();
            items.forEach(item -> array.add(value(item)));
            return array;
        }
        throw new IllegalArgumentException("no JSON form for a " + v.getClass().getSimpleName());
    }
}
