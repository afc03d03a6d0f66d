package nl.iwa.hub.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import nl.iwa.hub.audit.AuditSeal;
import nl.iwa.hub.audit.AuditTrail;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.DeadLetterHeaders;
import nl.iwa.hub.transport.Failures;
import nl.iwa.hub.transport.Outbound;
import nl.iwa.hub.transport.RawOutboxRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One decide task: decides each record of its partition of the decide topic (everything about the residents whose
 * pseudonyms hash there, in order) against the state in its stores, and forwards what follows: messages to
 * partners, state, dead letters and audit records, the last linked into the chain of the task's own partition of
 * the audit topic, whose head it keeps in a store and seals ({@link ChainSealing}). Its residents' clock runs as
 * punctuations of the task ({@link TaskClock}); the task of partition 0 also writes the checkpoints over all chains.
 * Forwarded records, store changes and the consumed offset commit together (exactly_once_v2), so a crash anywhere
 * repeats the decision from the committed state, never half of it.
 *
 * <p>Failures: a registry or broker outage is thrown (the stream thread is replaced and the record decided again); a
 * decision's records that cannot be encoded park the record on the dead-letter topic instead, with a rejection to
 * its sender, so one bad record never holds up a partition; so does a decision with a record its topic would refuse
 * ({@link RecordLimits}).
 */
final class DecideProcessor implements Processor<String, byte[], String, Routed> {

    static final String CHAIN_HEAD = "head";
    private static final Logger log = LoggerFactory.getLogger(DecideProcessor.class);

    private final TaskDecisions decisions;
    private final AvroCodec codec;
    private final Function<String, String> outboxOwner;
    private final String auditTopic;
    private final ChainSealing sealing;
    private final java.time.Duration clockPeriod;
    private final java.time.Duration retentionPeriod;
    private final Function<String, String> inboxOf;
    private final nl.iwa.hub.topics.Topics stateTopics;
    private ProcessorContext<String, Routed> context;
    private StoredConsents consents;
    private StoredHandoffs handoffs;
    private StoredInvolvement involvement;
    private KeyValueStore<String, AuditTrail.Head> chainHead;
    private TaskDecisions.Work work;
    private RecordLimits limits;
    private ImportCommands imports;
    private int partition;

    DecideProcessor(TaskDecisions decisions, AvroCodec codec, nl.iwa.hub.topics.Topics stateTopics, Function<String, String> outboxOwner,
                    Function<String, String> inboxOf, ChainSealing sealing, java.time.Duration clockPeriod,
                    java.time.Duration retentionPeriod) {
        this.retentionPeriod = retentionPeriod;
        this.stateTopics = stateTopics;
        this.inboxOf = inboxOf;
        this.clockPeriod = clockPeriod;
        this.decisions = decisions;
        this.codec = codec;
        this.outboxOwner = outboxOwner;
        this.auditTopic = sealing.trailTopic();
        this.sealing = sealing;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.partition = context.taskId().partition();
        this.consents = new StoredConsents(context.getStateStore(DecideTopology.CONSENTS),
                context.getStateStore(DecideTopology.CONSENTS_BY_RESIDENT));
        this.handoffs = new StoredHandoffs(context.getStateStore(DecideTopology.HANDOFFS),
                context.getStateStore(DecideTopology.HANDOFFS_BY_REQUEST), context.getStateStore(DecideTopology.HANDOFFS_BY_DUE),
                context.getStateStore(DecideTopology.DELIVERIES_UNPLACED), context.getStateStore(DecideTopology.DELIVERIES_PLACED));
        this.involvement = new StoredInvolvement(context.getStateStore(DecideTopology.FLOWS),
                context.getStateStore(DecideTopology.COORDINATORS), context.getStateStore(DecideTopology.DELIVERIES_UNDER_CONSENT),
                handoffs);
        this.chainHead = context.getStateStore(DecideTopology.CHAIN_HEADS);
        this.imports = new ImportCommands(codec, stateTopics.consent(), stateTopics.handoffs(), auditTopic, consents, handoffs,
                involvement, chainHead);
        this.work = decisions.over(new TaskState(consents, handoffs, involvement, involvement, handoffs.awaitingConsumption()));
        // the producer's max.request.size is Kafka Streams' default
        this.limits = new RecordLimits(work.positions()::admin, 1024 * 1024, System::nanoTime);
        TaskClock taskClock = new TaskClock(partition, work, consents, handoffs, involvement, inboxOf, sealing.clock(), this::write);
        context.schedule(clockPeriod, PunctuationType.WALL_CLOCK_TIME, at -> taskClock.beat());
        context.schedule(retentionPeriod, PunctuationType.WALL_CLOCK_TIME, at -> taskClock.retire());
        if (partition == 0) {
            TrailCheckpoints checkpoints = new TrailCheckpoints(sealing, sealing.chains(), sealing.committedSeals());
            Runnable checkpoint = () -> TaskClock.askingTheBroker(partition, "the checkpoint", () -> checkpoints.next(sealing.clock().instant()))
                    .flatMap(Function.identity()).ifPresent(this::forwardSeal);
            // the seal topic is read with the hub's own consumer: a timeout waits for the next interval
            context.schedule(sealing.checkpointInterval(), PunctuationType.WALL_CLOCK_TIME, at -> checkpoint.run());
        }
    }

    private void forwardSeal(AuditSeal seal) {
        context.forward(new Record<>(seal.recordKey(), new Routed(sealing.sealTopic(), null,
                seal.toJson().getBytes(StandardCharsets.UTF_8)), System.currentTimeMillis()));
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String command = header(record.headers(), AuditCommands.HEADER);
        if (AuditCommands.AUDIT.equals(command)) {
            audit(record);
            return;
        }
        if (ImportCommands.isImport(command)) {
            imports.apply(command, record.value(), partition);
            return;
        }
        RawOutboxRecord raw = origin(record);
        if (raw == null) {
            return;
        }
        List<Outbound> out = work.handler().handle(raw);
        Encoded encoded;
        try {
            encoded = encode(out);
            limits.check(encoded.records());
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                throw e;
            }
            consents.discardStaged();
            handoffs.discardStaged();
            log.error("parking {}-{}@{} on the dead-letter topic: its outcome could not be written ({})", raw.topic(),
                    raw.partition(), raw.offset(), Failures.nameOf(e));
            out = work.handler().unwritable(raw, Failures.nameOf(e));
            encoded = encode(out);
        }
        forward(encoded);
        out.forEach(o -> o.onCommitted().run()); // state staged by the decision goes into the stores
        long forwardedAt = encoded.records().isEmpty() ? 0 : encoded.records().get(0).timestamp();
        java.time.Instant now = sealing.clock().instant();
        for (Outbound o : out) {
            if (o.kind() == Outbound.Kind.DELIVERY && o.sentAt() != null) {
                // measured as the delivery is forwarded: its transaction commits within the commit interval after
                work.deliveryLatency().accept(java.time.Duration.between(o.sentAt(), now));
            }
            if (o.kind() == Outbound.Kind.HANDOFF_STATE && o.value() instanceof HandoffRecord h
                    && h.getStatus() == HandoffStatus.REQUESTED && h.getDeliveredOffset() == null) {
                handoffs.deliveredUnplaced(h.getHandoffId(), forwardedAt);
            }
        }
    }

    @Override
    public void close() {
        if (work != null) {
            work.close();
        }
    }

    /** A person's action audited elsewhere in the hub ({@link AuditCommands}): linked into this task's chain. */
    private void audit(Record<String, byte[]> command) {
        Object decoded = codec.decode(auditTopic, command.value());
        if (!(decoded instanceof AuditRecord record)) {
            log.error("left out a command on the decide topic at partition {} that is no audit record", partition);
            return;
        }
        forward(encode(List.of(Outbound.avro(Outbound.Kind.AUDIT, auditTopic, null, record))));
    }

    /** The records of one decision, encoded, the audit records linked into a provisional continuation of the chain. */
    private Encoded encode(List<Outbound> out) {
        AuditTrail chain = new AuditTrail(head());
        List<Record<String, Routed>> records = new ArrayList<>();
        List<AuditRecord> audited = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Outbound o : out) {
            Integer to = null;
            byte[] value;
            if (o.value() == null) {
                value = o.rawValue();
            } else {
                if (o.value() instanceof AuditRecord a) {
                    chain.seal(a);
                    chain.written(a);
                    audited.add(a);
                    to = partition;
                }
                value = codec.encode(o.topic(), o.value());
            }
            Headers headers = new RecordHeaders();
            o.headers().forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
            records.add(new Record<>(o.key(), new Routed(o.topic(), to, value), now, headers));
        }
        if (!audited.isEmpty()) {
            AuditSeal seal = AuditSeal.chainHead(auditTopic, partition, chain.head(), sealing.clock().instant(), sealing.key());
            records.add(new Record<>(seal.recordKey(), new Routed(sealing.sealTopic(), null,
                    seal.toJson().getBytes(StandardCharsets.UTF_8)), now));
        }
        return new Encoded(records, audited, chain.head());
    }

    /** Records of the task's own (the clock, retention, the delivery watch): forwarded, and their state kept. */
    private void write(List<Outbound> out) {
        forward(encode(out));
        out.forEach(o -> o.onCommitted().run());
    }

    private void forward(Encoded encoded) {
        encoded.records().forEach(context::forward);
        encoded.audited().forEach(involvement::written);
        chainHead.put(CHAIN_HEAD, encoded.head());
    }

    private AuditTrail.Head head() {
        AuditTrail.Head head = chainHead.get(CHAIN_HEAD);
        head = head == null ? AuditTrail.Head.EMPTY : head;
        // records an operator accepted, written by someone else after the task's last one: the chain goes on after them
        ChainSealing.Acceptance accepted = sealing.accepted();
        if (accepted != null && partition < accepted.heads().partitions() && accepted.heads().chain(partition).length() > head.length()) {
            return accepted.heads().chain(partition);
        }
        return head;
    }

    private record Encoded(List<Record<String, Routed>> records, List<AuditRecord> audited, AuditTrail.Head head) {
    }

    /**
     * The outbox record behind a decide-topic record, from the origin headers the intake topology set (only the hub
     * writes that topic); null for one without them, which no partner can be answered for: left out, logged by
     * coordinates.
     */
    private RawOutboxRecord origin(Record<String, byte[]> record) {
        String topic = header(record.headers(), DeadLetterHeaders.SOURCE_TOPIC);
        String sourcePartition = header(record.headers(), DeadLetterHeaders.SOURCE_PARTITION);
        String offset = header(record.headers(), DeadLetterHeaders.SOURCE_OFFSET);
        String owner = topic == null ? null : outboxOwner.apply(topic);
        var at = context.recordMetadata().orElseThrow();
        if (owner == null || sourcePartition == null || offset == null) {
            log.error("left out {}-{}@{}: a record on the decide topic without the outbox it came from", at.topic(), at.partition(),
                    at.offset());
            return null;
        }
        return RawOutboxRecord.rekeyed(topic, sourcePartition, offset, record.value(), owner,
                new RawOutboxRecord.ReadAt(new TopicPartition(at.topic(), at.partition()), at.offset()),
                header(record.headers(), DeadLetterHeaders.ORIGINAL_SIZE));
    }

    private static String header(Headers headers, String name) {
        var h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
