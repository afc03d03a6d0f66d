package nl.iwa.hub.intake.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;
import nl.iwa.hub.decision.ResidentKeys;
import nl.iwa.hub.decision.ResidentKeys.ResidentKey;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.DeadLetterHeaders;
import nl.iwa.hub.transport.DecodeResult;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The first step of the partitioned engine (docs/engine-design.md): every partner outbox record is re-keyed by the
 * resident it is about ({@link ResidentKeys}) onto the internal decide topic, so that one resident's consents,
 * flows and handoffs share a partition and are decided in one order by one instance, whichever outbox and case
 * they came from. Status updates, which name only their handoff, go to the handoff-updates topic keyed by handoff.
 * A record that cannot be read, or names no one, is keyed by where it was read ({@code topic/partition/offset}).
 *
 * <p>The value is passed on byte for byte, so the decide step decodes exactly what the partner wrote, and a dead
 * letter still points at the original. A value larger than the hub reads ({@code AvroCodec.MAX_RECORD_BYTES}) is
 * the exception: the hub's producer could not write it, which would stop the intake for every partner, so it goes
 * on empty with its size in a header, and is refused as too large. The partner's own headers are dropped: they are the partner's to set, so
 * they must not reach the hub's topics (a forged {@code iwa.source.topic} would claim another partner's outbox).
 * The record's origin travels in headers the hub sets from where Kafka says it read the record; the owner, the
 * only sender the record may name, follows from that outbox. Nothing of the record's content appears in a key or
 * header: the key is a pseudonym, a partner's handoff id, or coordinates.
 *
 * <p>Runs under exactly-once ({@code StreamsSettings}): reading an outbox record and writing its re-keyed copy
 * commit together, so none is lost or doubled through a crash.
 */
public final class ResidentKeyingTopology {

    static final String OUTBOXES = "outboxes";
    static final String KEYING = "key-by-resident";
    static final String TO_DECIDE = "to-decide";
    static final String TO_HANDOFF_UPDATES = "to-handoff-updates";

    private ResidentKeyingTopology() {
    }

    /**
     * @param outboxes the partner outboxes to read (each one's owner follows from its name)
     * @param decoder  decodes an outbox record read from a topic (the registry's codec in the hub)
     */
    public static Topology build(List<String> outboxes, String decideTopic, String handoffUpdatesTopic,
                                 BiFunction<String, byte[], DecodeResult> decoder, ResidentKeys keys) {
        if (outboxes.isEmpty()) {
            throw new IllegalArgumentException("no partner outbox to read: partners.yaml names no partner");
        }
        Topology t = new Topology();
        t.addSource(OUTBOXES, new StringDeserializer(), new ByteArrayDeserializer(), outboxes.toArray(String[]::new));
        t.addProcessor(KEYING, () -> new KeyByResident(decoder, keys), OUTBOXES);
        t.addSink(TO_DECIDE, decideTopic, new StringSerializer(), new ByteArraySerializer(), KEYING);
        t.addSink(TO_HANDOFF_UPDATES, handoffUpdatesTopic, new StringSerializer(), new ByteArraySerializer(), KEYING);
        return t;
    }

    /** The key of a record that names no resident: where it was read. */
    static String coordinates(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    static final class KeyByResident implements Processor<String, byte[], String, byte[]> {

        private final BiFunction<String, byte[], DecodeResult> decoder;
        private final ResidentKeys keys;
        private ProcessorContext<String, byte[]> context;

        KeyByResident(BiFunction<String, byte[], DecodeResult> decoder, ResidentKeys keys) {
            this.decoder = decoder;
            this.keys = keys;
        }

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, byte[]> read) {
            RecordMetadata from = context.recordMetadata()
                    .orElseThrow(() -> new IllegalStateException("an outbox record without its coordinates"));
            Record<String, byte[]> out = read.withHeaders(origin(from));
            if (read.value() != null && read.value().length > AvroCodec.MAX_RECORD_BYTES) {
                // more than the hub reads, and more than its producer writes: only its size goes on, to be refused
                out.headers().add(DeadLetterHeaders.ORIGINAL_SIZE, Integer.toString(read.value().length).getBytes(StandardCharsets.UTF_8));
                context.forward(out.withValue(new byte[0]).withKey(coordinates(from.topic(), from.partition(), from.offset())), TO_DECIDE);
                return;
            }
            DecodeResult decoded = decoder.apply(from.topic(), read.value());
            ResidentKey key = decoded.isOk() ? keys.of(decoded.message()) : ResidentKey.NONE;
            if (key instanceof ResidentKey.OfResident r) {
                context.forward(out.withKey(r.pseudonym()), TO_DECIDE);
            } else if (key instanceof ResidentKey.OfHandoff h) {
                context.forward(out.withKey(h.handoffId()), TO_HANDOFF_UPDATES);
            } else {
                context.forward(out.withKey(coordinates(from.topic(), from.partition(), from.offset())), TO_DECIDE);
            }
        }

        private static Headers origin(RecordMetadata from) {
            Headers h = new RecordHeaders();
            h.add(DeadLetterHeaders.SOURCE_TOPIC, from.topic().getBytes(StandardCharsets.UTF_8));
            h.add(DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(from.partition()).getBytes(StandardCharsets.UTF_8));
            h.add(DeadLetterHeaders.SOURCE_OFFSET, Long.toString(from.offset()).getBytes(StandardCharsets.UTF_8));
            return h;
        }
    }
}
