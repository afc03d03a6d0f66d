package nl.iwa.hub.impact.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import nl.iwa.hub.impact.CellFigures;
import nl.iwa.hub.impact.CellKey;
import nl.iwa.hub.impact.Contribution;
import nl.iwa.hub.impact.FirstContactHistogram;
import nl.iwa.hub.impact.SignalFollowUps.PendingSignal;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The topology's own intermediate values (repartition topics, state stores and their changelogs) as small JSON:
 * they never leave the topology, so they need no registry, and they hold codes, counts and times only.
 */
final class InternalSerdes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InternalSerdes() {
    }

    static Serde<Contribution> contributions() {
        return json(c -> {
            ObjectNode n = JSON.createObjectNode().put("cell", c.cell().asString()).put("count", c.count());
            if (c.firstContactHours() != null) {
                n.put("hours", c.firstContactHours());
            }
            return n;
        }, n -> new Contribution(CellKey.parse(n.get("cell").asText()), n.get("count").asLong(),
                n.hasNonNull("hours") ? n.get("hours").asLong() : null));
    }

    static Serde<CellFigures> figures() {
        return json(f -> {
            ObjectNode n = JSON.createObjectNode().put("count", f.count());
            ObjectNode hours = n.putObject("hours");
            f.firstContact().buckets().forEach((h, c) -> hours.put(Integer.toString(h), c));
            return n;
        }, n -> {
            Map<Integer, Long> buckets = new TreeMap<>();
            n.get("hours").fields().forEachRemaining(e -> buckets.put(Integer.parseInt(e.getKey()), e.getValue().asLong()));
            return new CellFigures(n.get("count").asLong(), FirstContactHistogram.of(buckets));
        });
    }

    static Serde<SignalEvent> signalEvents() {
        return json(e -> {
            ObjectNode n = JSON.createObjectNode().put("help", e.help()).put("at", e.atMillis());
            if (!e.help()) {
                n.put("flow", e.flow()).put("receiverKind", e.receiverKind());
            }
            return n;
        }, n -> n.get("help").asBoolean() ? SignalEvent.help(n.get("at").asLong())
                : SignalEvent.delivered(n.get("flow").asText(), n.get("receiverKind").asText(), n.get("at").asLong()));
    }

    static Serde<List<PendingSignal>> pendingSignals() {
        return json(list -> {
            ArrayNode a = JSON.createArrayNode();
            list.forEach(s -> a.addObject().put("flow", s.flow()).put("receiverKind", s.receiverKind()).put("at", s.deliveredAtMillis()));
            return a;
        }, a -> {
            List<PendingSignal> out = new ArrayList<>();
            a.forEach(s -> out.add(new PendingSignal(s.get("flow").asText(), s.get("receiverKind").asText(), s.get("at").asLong())));
            return out;
        });
    }

    private static <T> Serde<T> json(Function<T, JsonNode> write, Function<JsonNode, T> read) {
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return JSON.writeValueAsBytes(write.apply(value));
            } catch (IOException e) {
                throw new SerializationException("cannot write an impact value", e);
            }
        };
        Deserializer<T> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return read.apply(JSON.readTree(data));
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot read an impact value", e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** What the signal follow-up sees of a case: a signal delivered in it, or help accepted in it. */
    record SignalEvent(boolean help, String flow, String receiverKind, long atMillis) {

        static SignalEvent delivered(String flow, String receiverKind, long atMillis) {
            return new SignalEvent(false, flow, receiverKind, atMillis);
        }

        static SignalEvent help(long atMillis) {
            return new SignalEvent(true, null, null, atMillis);
        }
    }
}
