package nl.iwa.hub.connectors.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * An Avro record as plain JSON for a partner that does not read Avro: field names as in the contract, a union as
 * its value (not Avro's {@code {"string": ...}} wrapping), enums as their symbol, timestamps as ISO-8601. Avro's own
 * JSON encoding is made for Avro readers; a webhook receiver wants the plain form.
 */
final class AvroJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AvroJson() {
    }

    static ObjectNode of(IndexedRecord record) {
        ObjectNode node = JSON.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            node.set(field.name(), value(record.get(field.pos()), field.schema()));
        }
        return node;
    }

    private static JsonNode value(Object v, Schema schema) {
        if (v == null) {
            return JSON.nullNode();
        }
        if (v instanceof IndexedRecord r) {
            return of(r);
        }
        if (v instanceof Instant i) {
            return JSON.textNode(i.toString());
        }
        if (v instanceof LocalDate d) {
            return JSON.textNode(d.toString());
        }
        if (v instanceof Long l && isTimestampMillis(schema)) {
            return JSON.textNode(Instant.ofEpochMilli(l).toString());
        }
        if (v instanceof CharSequence || v instanceof Enum<?> || v instanceof org.apache.avro.generic.GenericEnumSymbol<?>) {
            return JSON.textNode(v.toString());
        }
        if (v instanceof Integer n) {
            return JSON.numberNode(n);
        }
        if (v instanceof Long n) {
            return JSON.numberNode(n);
        }
        if (v instanceof Double n) {
            return JSON.numberNode(n);
        }
        if (v instanceof Float n) {
            return JSON.numberNode(n);
        }
        if (v instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        if (v instanceof ByteBuffer b) {
            byte[] bytes = new byte[b.remaining()];
            b.duplicate().get(bytes);
            return JSON.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (v instanceof Collection<?> items) {
            ArrayNode array = JSON.arrayNode();
            Schema itemSchema = elementSchema(schema, Schema.Type.ARRAY);
            items.forEach(item -> array.add(value(item, itemSchema == null ? null : itemSchema.getElementType())));
            return array;
        }
        if (v instanceof Map<?, ?> map) {
            ObjectNode object = JSON.objectNode();
            Schema mapSchema = elementSchema(schema, Schema.Type.MAP);
            map.forEach((k, item) -> object.set(k.toString(), value(item, mapSchema == null ? null : mapSchema.getValueType())));
            return object;
        }
        return JSON.textNode(v.toString());
    }

    private static boolean isTimestampMillis(Schema schema) {
        Schema s = elementSchema(schema, Schema.Type.LONG);
        return s != null && s.getLogicalType() instanceof LogicalTypes.TimestampMillis;
    }

    /** The schema itself, or the branch of that type if it is a union. */
    private static Schema elementSchema(Schema schema, Schema.Type type) {
        if (schema == null) {
            return null;
        }
        if (schema.getType() == type) {
            return schema;
        }
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream().filter(s -> s.getType() == type).findFirst().orElse(null);
        }
        return null;
    }
}
