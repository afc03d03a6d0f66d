package nl.iwa.hub.impact.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.impact.HourBucket;
import nl.iwa.hub.contract.impact.ImpactCell;
import nl.iwa.hub.impact.CellFigures;
import nl.iwa.hub.impact.CellKey;
import nl.iwa.hub.impact.Contribution;
import nl.iwa.hub.impact.SettledHandoffs;
import nl.iwa.hub.impact.SignalFollowUps;
import nl.iwa.hub.impact.SignalFollowUps.PendingSignal;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.ContractSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The impact figures as a Kafka Streams topology: settled handoffs (from the compacted handoff state) and delivered
 * signals (from the audit trail) become {@link Contribution}s to cells, summed per cell in a RocksDB store and
 * written to the compacted impact topic, one record per changed cell. The decisions (what a settled handoff or a
 * followed-up signal counts as) are the pure {@link SettledHandoffs} and {@link SignalFollowUps}.
 *
 * <p>Each handoff is counted once, when it settles. A compacted topic may show a final state more than once (a
 * rewrite of the same state); the store {@value #COUNTED} remembers which handoffs were counted, and forgets a
 * handoff when its tombstone arrives (it left the state topic, so it cannot come back) or, as a bound, when it
 * settled more than the retention before the latest settlement seen. Counting on "the last transition of the
 * history" alone would not do: a rewrite carries the same history.
 *
 * <p>Signals wait per case (repartitioned by correlationId, an opaque case id) in {@value #PENDING} for a handoff in
 * the same case completing with HELP_ACCEPTED; they are forgotten after the follow-up window.
 */
public final class ImpactTopology {

    static final String COUNTED = "impact-counted-handoffs";
    static final String PENDING = "impact-pending-signals";
    static final String CELLS = "impact-cells";
    private static final Duration CLEANUP_EVERY = Duration.ofMinutes(10);

    private ImpactTopology() {
    }

    /**
     * @param receiverKind     a partner's kind by id, for the signals (the handoffs' come through {@code settled})
     * @param countedRetention how long after its settlement a handoff is remembered as counted
     */
    public static Topology build(String handoffTopic, String auditTopic, String impactTopic, AvroCodec codec,
                                 SettledHandoffs settled, SignalFollowUps followUps,
                                 Function<String, Optional<String>> receiverKind, Duration countedRetention) {
        return build(handoffTopic, auditTopic, impactTopic, new ContractSerde<>(codec, HandoffRecord.class),
                new ContractSerde<>(codec, AuditRecord.class), new ContractSerde<>(codec, ImpactCell.class), settled, followUps,
                receiverKind, countedRetention);
    }

    /** With the contract's serdes given: the registry's in the hub, plain Avro in a test driver. */
    static Topology build(String handoffTopic, String auditTopic, String impactTopic, Serde<HandoffRecord> handoffSerde,
                          Serde<AuditRecord> auditSerde, Serde<ImpactCell> impactSerde,
                          SettledHandoffs settled, SignalFollowUps followUps,
                          Function<String, Optional<String>> receiverKind, Duration countedRetention) {
        StreamsBuilder b = new StreamsBuilder();
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COUNTED), Serdes.String(), Serdes.Long()));
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING), Serdes.String(),
                InternalSerdes.pendingSignals()));

        KStream<String, HandoffRecord> handoffs = b.stream(handoffTopic,
                Consumed.with(Serdes.String(), handoffSerde).withName("impact-handoffs"));
        KStream<String, Contribution> fromHandoffs = handoffs.process(
                () -> new CountOnceWhenSettled(settled, countedRetention), Named.as("impact-count-settled"), COUNTED);

        KStream<String, InternalSerdes.SignalEvent> signalsDelivered = b.stream(auditTopic,
                        Consumed.with(Serdes.String(), auditSerde).withName("impact-audit"))
                .filter((k, a) -> a != null && a.getDecision() == Decision.DELIVERED && "SIGNAL".equals(a.getMessageType())
                        && a.getCorrelationId() != null && a.getPolicyId() != null && a.getReceiverPartnerId() != null)
                .map((k, a) -> KeyValue.pair(a.getCorrelationId(), InternalSerdes.SignalEvent.delivered(a.getPolicyId(),
                        receiverKind.apply(a.getReceiverPartnerId()).orElse(SettledHandoffs.UNKNOWN), a.getRecordedAt().toEpochMilli())));
        KStream<String, InternalSerdes.SignalEvent> helpAccepted = handoffs
                .filter((k, h) -> h != null && SettledHandoffs.helpAccepted(h))
                .map((k, h) -> KeyValue.pair(h.getCorrelationId(),
                        InternalSerdes.SignalEvent.help(SettledHandoffs.settledAt(h).toEpochMilli())));
        KStream<String, Contribution> fromSignals = signalsDelivered.merge(helpAccepted)
                .repartition(Repartitioned.with(Serdes.String(), InternalSerdes.signalEvents()).withName("impact-signal-cases"))
                .process(() -> new FollowUpSignals(followUps), Named.as("impact-follow-up-signals"), PENDING);

        fromHandoffs.merge(fromSignals)
                .groupByKey(Grouped.with(CELLS, Serdes.String(), InternalSerdes.contributions()))
                .aggregate(CellFigures::empty, (key, c, figures) -> figures.plus(c),
                        Materialized.<String, CellFigures, KeyValueStore<Bytes, byte[]>>as(CELLS)
                                .withKeySerde(Serdes.String()).withValueSerde(InternalSerdes.figures()))
                .toStream()
                .mapValues((key, figures) -> toRecord(CellKey.parse(key), figures))
                .to(impactTopic, Produced.with(Serdes.String(), impactSerde));
        return b.build();
    }

    static ImpactCell toRecord(CellKey key, CellFigures f) {
        List<HourBucket> buckets = new ArrayList<>();
        f.firstContact().buckets().forEach((h, n) -> buckets.add(new HourBucket(h, n)));
        return ImpactCell.newBuilder().setKind(key.kind().name()).setFlow(key.flow()).setReceiverKind(key.receiverKind())
                .setOutcome(key.outcome()).setDomain(key.domain()).setQuarter(key.quarter().toString())
                .setCount(f.count()).setFirstContactHours(buckets).build();
    }

    /** A settled handoff's contribution, once per handoff, keyed by its cell. */
    static final class CountOnceWhenSettled implements Processor<String, HandoffRecord, String, Contribution> {

        private final SettledHandoffs settled;
        private final Duration retention;
        private ProcessorContext<String, Contribution> context;
        private KeyValueStore<String, Long> counted;

        CountOnceWhenSettled(SettledHandoffs settled, Duration retention) {
            this.settled = settled;
            this.retention = retention;
        }

        @Override
        public void init(ProcessorContext<String, Contribution> context) {
            this.context = context;
            this.counted = context.getStateStore(COUNTED);
            context.schedule(CLEANUP_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> forgetOld());
        }

        @Override
        public void process(Record<String, HandoffRecord> record) {
            String handoffId = record.key();
            if (handoffId == null) {
                return;
            }
            HandoffRecord h = record.value();
            if (h == null) {
                counted.delete(handoffId); // tombstone (or unreadable): gone from the state topic
                return;
            }
            if (!SettledHandoffs.isSettled(h) || counted.get(handoffId) != null) {
                return;
            }
            Optional<Contribution> c = settled.contribution(h);
            if (c.isPresent()) {
                counted.put(handoffId, SettledHandoffs.settledAt(h).toEpochMilli());
                context.forward(record.withKey(c.get().cell().asString()).withValue(c.get()));
            }
        }

        // the hub's clock may run ahead of the wall clock (the demo's), so "old" is measured against the newest settlement
        private void forgetOld() {
            long newest = Long.MIN_VALUE;
            try (KeyValueIterator<String, Long> all = counted.all()) {
                while (all.hasNext()) {
                    newest = Math.max(newest, all.next().value);
                }
            }
            if (newest == Long.MIN_VALUE) {
                return;
            }
            long cutoff = newest - retention.toMillis();
            List<String> old = new ArrayList<>();
            try (KeyValueIterator<String, Long> all = counted.all()) {
                while (all.hasNext()) {
                    var e = all.next();
                    if (e.value < cutoff) {
                        old.add(e.key);
                    }
                }
            }
            old.forEach(counted::delete);
        }
    }

    /** Signals per case: counted at delivery, moved to LED_TO_HELP when help is accepted in the case in time. */
    static final class FollowUpSignals implements Processor<String, InternalSerdes.SignalEvent, String, Contribution> {

        private final SignalFollowUps followUps;
        private ProcessorContext<String, Contribution> context;
        private KeyValueStore<String, List<PendingSignal>> pending;
        private long newestEvent = Long.MIN_VALUE;

        FollowUpSignals(SignalFollowUps followUps) {
            this.followUps = followUps;
        }

        @Override
        public void init(ProcessorContext<String, Contribution> context) {
            this.context = context;
            this.pending = context.getStateStore(PENDING);
            context.schedule(CLEANUP_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> forgetExpired());
        }

        @Override
        public void process(Record<String, InternalSerdes.SignalEvent> record) {
            String caseId = record.key();
            InternalSerdes.SignalEvent e = record.value();
            if (caseId == null || e == null) {
                return;
            }
            newestEvent = Math.max(newestEvent, e.atMillis());
            List<PendingSignal> waiting = Optional.ofNullable(pending.get(caseId)).orElse(List.of());
            if (e.help()) {
                SignalFollowUps.Matched m = followUps.helpAccepted(waiting, Instant.ofEpochMilli(e.atMillis()));
                m.moves().forEach(c -> context.forward(record.withKey(c.cell().asString()).withValue(c)));
                put(caseId, m.stillPending());
            } else {
                SignalFollowUps.Delivered d = followUps.delivered(e.flow(), e.receiverKind(), Instant.ofEpochMilli(e.atMillis()));
                context.forward(record.withKey(d.counted().cell().asString()).withValue(d.counted()));
                List<PendingSignal> more = new ArrayList<>(waiting);
                more.add(d.pending());
                put(caseId, more);
            }
        }

        private void put(String caseId, List<PendingSignal> list) {
            if (list.isEmpty()) {
                pending.delete(caseId);
            } else {
                pending.put(caseId, list);
            }
        }

        // against the newest event time seen (the hub's clock), not the wall clock; nothing is forgotten before one is seen
        private void forgetExpired() {
            if (newestEvent == Long.MIN_VALUE) {
                return;
            }
            Instant now = Instant.ofEpochMilli(newestEvent);
            List<KeyValue<String, List<PendingSignal>>> changes = new ArrayList<>();
            try (KeyValueIterator<String, List<PendingSignal>> all = pending.all()) {
                while (all.hasNext()) {
                    var e = all.next();
                    List<PendingSignal> left = followUps.stillWaiting(e.value, now);
                    if (left.size() != e.value.size()) {
                        changes.add(KeyValue.pair(e.key, left));
                    }
                }
            }
            changes.forEach(c -> put(c.key, c.value));
        }
    }
}
