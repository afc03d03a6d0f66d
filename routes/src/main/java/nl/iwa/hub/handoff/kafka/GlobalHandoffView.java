package nl.iwa.hub.handoff.kafka;

import java.util.Optional;
import java.util.function.Consumer;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.handoff.HandoffOverview;
import nl.iwa.hub.handoff.HandoffTransitions;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.RunningTopology;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The handoff overview of a hub on the decide topology: a global table of the handoff topic in a RocksDB store of
 * every hub, so each answers the ops API and the gauges for all residents (the decide tasks hold only their own
 * partitions' handoffs) without holding them on the heap. Kafka Streams keeps it current, reading committed
 * states only under exactly-once, and drops a handoff when its tombstone comes (retention).
 */
public final class GlobalHandoffView implements HandoffOverview {

    static final String STORE = "handoff-overview";

    private final RunningTopology running;
    private final AvroCodec codec;
    private final String topic;

    public GlobalHandoffView(RunningTopology running, AvroCodec codec, String topic) {
        this.running = running;
        this.codec = codec;
        this.topic = topic;
    }

    /**
     * A topology of one global table: Kafka Streams runs it without stream threads or a consumer group. The values
     * stay in the registry's wire format as written, decoded on reading, so restoring copies bytes only.
     */
    public static Topology topology(String handoffTopic) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(handoffTopic, Consumed.with(Serdes.String(), Serdes.ByteArray()),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()).withCachingDisabled());
        return builder.build();
    }

    @Override
    public Optional<HandoffRecord> get(String handoffId) {
        try {
            byte[] value = store().get(handoffId);
            return value == null ? Optional.empty() : decoded(value);
        } catch (InvalidStateStoreException e) {
            throw notReady(e);
        }
    }

    @Override
    public void forEachOpen(Consumer<HandoffRecord> action) {
        try (KeyValueIterator<String, byte[]> all = store().all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> next = all.next();
                decoded(next.value).filter(h -> !HandoffTransitions.isTerminal(h.getStatus())).ifPresent(action);
            }
        } catch (InvalidStateStoreException e) {
            throw notReady(e);
        }
    }

    private Optional<HandoffRecord> decoded(byte[] value) {
        return codec.decode(topic, value) instanceof HandoffRecord h ? Optional.of(h) : Optional.empty();
    }

    private ReadOnlyKeyValueStore<String, byte[]> store() {
        return running.store(STORE, QueryableStoreTypes.keyValueStore());
    }

    private static NotReady notReady(InvalidStateStoreException e) {
        return new NotReady("the handoff overview is being restored from the handoff topic; ask again shortly", e);
    }
}
