package nl.iwa.hub.engine;

import java.util.function.Function;
import nl.iwa.hub.audit.AuditTrail;
import nl.iwa.hub.contract.consent.ConsentRecord;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.decision.PastDeliveries;
import nl.iwa.hub.involvement.InvolvingFlow;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.ContractSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.Stores;

/**
 * The decide topology (docs/engine-design.md, step 2): reads the decide topic, where the intake topology put every
 * outbox record keyed by its resident's pseudonym, and decides each in its task ({@link DecideProcessor}) with the
 * task's own state in RocksDB stores with changelogs. A partition's residents are decided by one hub at a time, so
 * several hubs in one group share the work, and a hub that dies hands its partitions, with their state, to another.
 *
 * <pre>
 * decide topic (key: pseudonym) ──► decisions ──► inboxes, consent and handoff state, dead letters,
 *                                      │           audit partition p (the task's own chain)
 *                                 stores of task p: consents, handoffs, flows, coordinators, deliveries under consent, chain head
 * </pre>
 */
public final class DecideTopology {

    static final String CONSENTS = "consents";
    static final String CONSENTS_BY_RESIDENT = "consents-by-resident";
    static final String HANDOFFS = "handoffs";
    static final String HANDOFFS_BY_REQUEST = "handoffs-by-request";
    static final String HANDOFFS_BY_DUE = "handoffs-by-due";
    static final String DELIVERIES_UNPLACED = "deliveries-unplaced";
    static final String DELIVERIES_PLACED = "deliveries-placed";
    static final String FLOWS = "flows";
    static final String COORDINATORS = "coordinators";
    static final String DELIVERIES_UNDER_CONSENT = "deliveries-under-consent";
    static final String CHAIN_HEADS = "chain-heads";

    private DecideTopology() {
    }

    /**
     * @param outboxOwner the partner owning an outbox topic, null for any other topic
     * @param inboxOf     the inbox topic of a partner
     * @param clockPeriod how often each task looks for consumed deliveries and missed deadlines of its handoffs
     * @param retentionPeriod how often each task lets settled handoffs and ended consents past their retention go
     */
    public static Topology build(nl.iwa.hub.topics.Topics topics, ChainSealing sealing, TaskDecisions decisions, AvroCodec codec,
                                 Function<String, String> outboxOwner, Function<String, String> inboxOf,
                                 java.time.Duration clockPeriod, java.time.Duration retentionPeriod) {
        Topology t = new Topology();
        t.addSource("decide", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topics.decide());
        t.addProcessor("decisions", () -> new DecideProcessor(decisions, codec, topics, outboxOwner, inboxOf, sealing, clockPeriod,
                retentionPeriod), "decide");
        store(t, CONSENTS, new ContractSerde<>(codec, ConsentRecord.class));
        store(t, CONSENTS_BY_RESIDENT, Serdes.String());
        store(t, HANDOFFS, new ContractSerde<>(codec, HandoffRecord.class));
        store(t, HANDOFFS_BY_REQUEST, Serdes.String());
        store(t, HANDOFFS_BY_DUE, Serdes.String());
        store(t, DELIVERIES_UNPLACED, Serdes.String());
        store(t, DELIVERIES_PLACED, Serdes.String());
        store(t, FLOWS, JsonSerde.of(InvolvingFlow.class));
        store(t, COORDINATORS, Serdes.String());
        store(t, DELIVERIES_UNDER_CONSENT, JsonSerde.of(PastDeliveries.Delivery.class));
        store(t, CHAIN_HEADS, JsonSerde.of(AuditTrail.Head.class));
        Serializer<Routed> value = (topic, routed) -> routed.value();
        t.addSink("outcomes", (key, routed, context) -> routed.topic(), Serdes.String().serializer(), value,
                new TaskChainPartitioner(), "decisions");
        return t;
    }

    private static <V> void store(Topology t, String name, Serde<V> values) {
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values), "decisions");
    }

    /** An audit record goes to the task's own chain; anything else where the producer's partitioner puts its key. */
    private static final class TaskChainPartitioner implements StreamPartitioner<String, Routed> {

        @Override
        @Deprecated
        public Integer partition(String topic, String key, Routed value, int numPartitions) {
            return value.partition();
        }
    }
}
