package nl.iwa.hub.connectors.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * JSON as a partner sends it to an {@link OutboxMessage}, strictly: the envelope's fields at the top, the body
 * record of the path under {@code body}, camelCase names as in the Avro contract, times as ISO-8601 instants with
 * an offset, dates as {@code yyyy-mm-dd}. The JSON is checked against the contract's own schema, so the REST edge
 * cannot drift from it: an unknown field, a wrong type, a missing required field or an unknown code is refused
 * (422) naming the field's path, never its value. JSON that does not parse is refused with 400.
 *
 * <p>The sender is never taken from the body: {@code senderPartnerId} may be left out, and if given it must be the
 * authenticated partner (else 403); {@code sentAt} defaults to the moment of receipt.
 */
public final class JsonToOutbox {

    private static final Schema ENVELOPE = OutboxMessage.getClassSchema();

    private final ObjectMapper json;
    private final Clock clock;

    public JsonToOutbox(Clock clock) {
        this.clock = clock;
        this.json = new ObjectMapper();
        // two values for one field: which one counts would be a guess
        json.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** Parses a request body; JSON that does not parse, or is not an object, is a 400 that repeats none of it. */
    public ObjectNode parse(byte[] body) {
        JsonNode tree;
        try {
            tree = body == null || body.length == 0 ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new RequestRefused(400, "Bad Request", "the request body is not well-formed JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new RequestRefused(400, "Bad Request", "the request body must be a JSON object");
        }
        return object;
    }

    public OutboxMessage toOutbox(MessageKind kind, ObjectNode request, String callerPartnerId) {
        JsonNode sender = request.get("senderPartnerId");
        if (sender != null && !sender.isNull() && !(sender.isTextual() && sender.asText().equals(callerPartnerId))) {
            throw new RequestRefused(403, "Forbidden",
                    "'senderPartnerId' must be the partner you authenticated as, or be left out");
        }
        GenericData.Record envelope = new GenericData.Record(ENVELOPE);
        List<String> known = new ArrayList<>();
        for (Schema.Field field : ENVELOPE.getFields()) {
            known.add(field.name());
            String name = field.name();
            JsonNode value = request.get(name);
            Object converted;
            if (name.equals("body")) {
                if (value == null || value.isNull()) {
                    throw RequestRefused.invalid("'body' is required");
                }
                converted = record(kind.bodySchema(), value, "body");
            } else if (name.equals("senderPartnerId")) {
                converted = callerPartnerId;
            } else if (name.equals("sentAt") && (value == null || value.isNull())) {
                converted = clock.millis();
            } else {
                converted = field(field, value, name);
            }
            envelope.put(name, converted);
        }
        rejectUnknown(request, known, "");
        return toSpecific(envelope);
    }

    private Object record(Schema schema, JsonNode node, String path) {
        if (!node.isObject()) {
            throw RequestRefused.invalid("'" + path + "' must be an object");
        }
        GenericData.Record record = new GenericData.Record(schema);
        List<String> known = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            known.add(field.name());
            record.put(field.name(), field(field, node.get(field.name()), path + "." + field.name()));
        }
        rejectUnknown(node, known, path + ".");
        return record;
    }

    private Object field(Schema.Field field, JsonNode value, String path) {
        if (value == null || value.isNull()) {
            if (field.hasDefaultValue()) {
                return GenericData.get().getDefaultValue(field);
            }
            throw RequestRefused.invalid("'" + path + "' is required");
        }
        return value(field.schema(), value, path);
    }

    private Object value(Schema schema, JsonNode node, String path) {
        String logical = schema.getLogicalType() == null ? null : schema.getLogicalType().getName();
        switch (schema.getType()) {
            case UNION:
                if (node.isNull()) {
                    return null;
                }
                for (Schema branch : schema.getTypes()) {
                    if (branch.getType() != Schema.Type.NULL) {
                        return value(branch, node, path);
                    }
                }
                throw RequestRefused.invalid("'" + path + "' must be null");
            case RECORD:
                return record(schema, node, path);
            case STRING:
                if (!node.isTextual()) {
                    throw RequestRefused.invalid("'" + path + "' must be a string");
                }
                return node.asText();
            case ENUM:
                if (!node.isTextual() || !schema.getEnumSymbols().contains(node.asText())) {
                    throw RequestRefused.invalid("'" + path + "' must be one of " + schema.getEnumSymbols());
                }
                return new GenericData.EnumSymbol(schema, node.asText());
            case ARRAY:
                if (!node.isArray()) {
                    throw RequestRefused.invalid("'" + path + "' must be an array");
                }
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < node.size(); i++) {
                    items.add(value(schema.getElementType(), node.get(i), path + "[" + i + "]"));
                }
                return items;
            case INT:
                if ("date".equals(logical)) {
                    return (int) date(node, path).toEpochDay();
                }
                if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                    throw RequestRefused.invalid("'" + path + "' must be a whole number");
                }
                return node.intValue();
            case LONG:
                if ("timestamp-millis".equals(logical)) {
                    return instant(node, path);
                }
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    throw RequestRefused.invalid("'" + path + "' must be a whole number");
                }
                return node.longValue();
            default:
                throw RequestRefused.invalid("'" + path + "' has a type this API does not take");
        }
    }

    private static LocalDate date(JsonNode node, String path) {
        try {
            if (node.isTextual()) {
                return LocalDate.parse(node.asText());
            }
        } catch (DateTimeParseException e) {
            // answered below, without the parser's message: it quotes the value
        }
        throw RequestRefused.invalid("'" + path + "' must be a date, yyyy-mm-dd");
    }

    private static long instant(JsonNode node, String path) {
        try {
            if (node.isTextual()) {
                return OffsetDateTime.parse(node.asText()).toInstant().toEpochMilli();
            }
        } catch (DateTimeParseException e) {
            // answered below, without the parser's message: it quotes the value
        }
        throw RequestRefused.invalid("'" + path + "' must be an ISO-8601 date-time with offset, e.g. 2026-03-01T09:30:00Z");
    }

    private static void rejectUnknown(JsonNode node, List<String> known, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                // a field name is the caller's text too: name it only when it is a plain identifier
                throw RequestRefused.invalid(name.matches("[A-Za-z][A-Za-z0-9]{0,63}")
                        ? "unknown field '" + prefix + name + "'" : "an unknown field in '" + (prefix.isEmpty() ? "(top)" : prefix) + "'");
            }
        }
    }

    /** Through Avro's own encoding, so the result is exactly what a Kafka partner's serializer would write. */
    private static OutboxMessage toSpecific(GenericData.Record envelope) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericData.Record>(ENVELOPE).write(envelope, encoder);
            encoder.flush();
            return new SpecificDatumReader<>(OutboxMessage.class)
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
