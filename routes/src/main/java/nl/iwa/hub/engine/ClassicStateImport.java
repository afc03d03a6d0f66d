package nl.iwa.hub.engine;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import nl.iwa.hub.audit.TrailHeads;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.consent.ConsentRecord;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.KafkaConnection;
import nl.iwa.hub.transport.TopicReader;
import nl.iwa.hub.transport.TransactionalPublisher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a deployment from the classic engine (removed in issue #14; earlier releases ran it) to the decide topology
 * with its state. The topology's stores start
 * empty; the first time it runs where the classic engine decided before, it would not know the consents (flows
 * refused), the open handoffs (updates refused), who received what under a consent (withdrawals tell nobody), or
 * where each audit chain stands (the trail would break). So before the intake and decide topologies first run, every hub checks:
 * state on the state topics or records in the audit, where the decide topology never ran, means the classic engine's state is sent to the
 * decide tasks as commands ({@link ImportCommands}), keyed by resident like everything else on the decide topic:
 * <ol>
 *     <li>the head of each audit chain, to the task that writes it, first: that task may audit an imported handoff
 *     (its clock) as soon as it has it;</li>
 *     <li>each live consent and handoff, from the compacted state topics;</li>
 *     <li>each audit record that adds involvement, a coordinator or a delivery under consent.</li>
 * </ol>
 * Then, in the last transaction, what the classic engine had not decided yet from the decide topic (with
 * {@code IWA_INTAKE_REKEYED=true}) is copied after the commands, and the decide group's positions are committed in
 * that same transaction to where the commands begin. So the switch happens once: a crash before that commit leaves
 * no positions and the next start sends it all again (the tasks set the same state), a crash after it leaves
 * positions and the next start goes on. The outboxes need nothing: the intake topology continues from the classic
 * engine's positions there ({@code IntakeHandover}).
 */
public final class ClassicStateImport {

    private static final Logger log = LoggerFactory.getLogger(ClassicStateImport.class);
    private static final int PER_TRANSACTION = 10_000;

    /** What was sent: counts only (no resident's data), all zero when the decide topology had run before. */
    public record Imported(long consents, long handoffs, long auditFacts, long undecided) {

        static final Imported NOTHING = new Imported(0, 0, 0, 0);
    }

    /** Hubs on the classic engine still decide: the state they would go on changing cannot be taken over. */
    public static final class ClassicHubsRunning extends IllegalStateException {

        ClassicHubsRunning(String message) {
            super(message);
        }
    }

    /** The topics and groups of the switch. */
    public record Names(String consentTopic, String handoffTopic, String auditTopic, String decideTopic, String classicGroup,
                        String decideGroup) {
    }

    private final Names names;
    private final Admin admin;
    private final TopicReader reader;
    private final KafkaConnection kafka;
    private final AvroCodec codec;

    public ClassicStateImport(Names names, Admin admin, TopicReader reader, KafkaConnection kafka, AvroCodec codec) {
        this.names = names;
        this.admin = admin;
        this.reader = reader;
        this.kafka = kafka;
        this.codec = codec;
    }

    /**
     * Sends the classic engine's state to the decide tasks if the topology has not run here before and the state
     * topics hold state. Must run before the intake topology starts and while no hub on the classic engine runs.
     *
     * @param heads the verified heads of the audit chains as the hub loaded them at start
     */
    public Imported ifNeeded(TrailHeads heads) {
        try {
            if (ranBefore() || stateRecords() == 0 && heads.total() == 0) {
                return Imported.NOTHING;
            }
            int running = admin.describeConsumerGroups(List.of(names.classicGroup())).all().get()
                    .get(names.classicGroup()).members().size();
            if (running > 0) {
                throw new ClassicHubsRunning(running + " hub(s) of an earlier release still decide on the classic engine in group "
                        + names.classicGroup() + "; stop them first, the decide topology then takes their state over");
            }
            return send(heads);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot tell whether the decide topology ran before ("
                    + e.getCause().getClass().getSimpleName() + ")", e.getCause());
        }
    }

    /**
     * Whether the decide topology ran here before: its group has positions, or (should they have expired while every
     * hub was down) its chain heads' changelog has records, which every decision writes.
     */
    private boolean ranBefore() throws InterruptedException, ExecutionException {
        if (!committed(names.decideGroup()).isEmpty()) {
            return true;
        }
        String heads = names.decideGroup() + "-" + DecideTopology.CHAIN_HEADS + "-changelog";
        return admin.listTopics().names().get().contains(heads)
                && reader.endOffsets(heads).values().stream().mapToLong(Long::longValue).sum() > 0;
    }

    private long stateRecords() {
        return List.of(names.consentTopic(), names.handoffTopic()).stream()
                .mapToLong(t -> reader.endOffsets(t).values().stream().mapToLong(Long::longValue).sum()).sum();
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String group) throws InterruptedException, ExecutionException {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    }

    private Imported send(TrailHeads heads) throws InterruptedException, ExecutionException {
        log.info("the decide topology runs here for the first time: taking over the classic engine's state");
        Properties config = TransactionalPublisher.producerConfig(kafka, names.decideGroup() + "-classic-import");
        config.put(org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions(); // fences a hub that started the same switch at the same moment
            // where the commands begin: measured after the fence, so a fenced hub's commands lie before it
            Map<TopicPartition, Long> begin = reader.endOffsets(names.decideTopic());
            Batches out = new Batches(producer);
            // each chain's head first: a task's clock may audit an imported handoff as soon as it has it, and that record
            // must go on after the classic engine's, not start the chain again
            for (int p = 0; p < Math.min(heads.partitions(), begin.size()); p++) {
                if (heads.chain(p).length() > 0) {
                    out.send(new ProducerRecord<>(names.decideTopic(), p, "chain-" + p,
                            ImportCommands.HEAD.serializer().serialize(null, heads.chain(p)), command(ImportCommands.CHAIN_HEAD)));
                }
            }
            long consents = live(names.consentTopic(), bytes -> codec.decode(names.consentTopic(), bytes) instanceof ConsentRecord c
                    ? c.getSubjectPseudonym() : null, ImportCommands.CONSENT, out);
            long handoffs = live(names.handoffTopic(), bytes -> codec.decode(names.handoffTopic(), bytes) instanceof HandoffRecord h
                    ? h.getSubjectPseudonym() : null, ImportCommands.HANDOFF, out);
            long[] facts = {0};
            reader.readAll(names.auditTopic(), r -> {
                if (r.value() != null && codec.decode(names.auditTopic(), r.value()) instanceof AuditRecord a && ImportCommands.matters(a)) {
                    out.send(new ProducerRecord<>(names.decideTopic(), null, a.getSubjectPseudonym(), r.value(),
                            command(ImportCommands.AUDIT)));
                    facts[0]++;
                }
            });
            long undecided = copyUndecided(begin, out);
            Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
            begin.forEach((tp, offset) -> positions.put(tp, new OffsetAndMetadata(offset)));
            producer.sendOffsetsToTransaction(positions, new ConsumerGroupMetadata(names.decideGroup()));
            out.commit();
            Imported imported = new Imported(consents, handoffs, facts[0], undecided);
            log.info("took over {} consents, {} handoffs and {} audit facts of the classic engine, and {} records "
                    + "it had not decided yet", imported.consents(), imported.handoffs(), imported.auditFacts(), imported.undecided());
            return imported;
        }
    }

    /**
     * The live records of a compacted state topic (the last of each key, unless that is a tombstone), each sent as
     * {@code command} to its resident's task. Two reads, so only the removed keys are held, not the records.
     */
    private long live(String topic, Function<byte[], String> residentOf, String command, Batches out) {
        Map<TopicPartition, Long> end = reader.endOffsets(topic);
        Set<String> removed = new HashSet<>();
        reader.readUpTo(topic, end, r -> {
            if (r.value() == null) {
                removed.add(r.key());
            } else {
                removed.remove(r.key());
            }
        });
        long[] sent = {0};
        reader.readUpTo(topic, end, r -> {
            if (r.value() == null || removed.contains(r.key())) {
                return;
            }
            String resident = residentOf.apply(r.value());
            if (resident == null) {
                log.warn("left out unreadable state at {}-{}@{}", r.topic(), r.partition(), r.offset());
                return;
            }
            // a key's older records go first and the task keeps the last: the live one
            out.send(new ProducerRecord<>(names.decideTopic(), null, resident, r.value(), command(command)));
            sent[0]++;
        });
        return sent[0];
    }

    /**
     * The records the classic engine had read from the decide topic but not decided (past its committed positions),
     * copied after the commands as they were, so they are decided once, against the taken-over state.
     */
    private long copyUndecided(Map<TopicPartition, Long> begin, Batches out) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> classic = committed(names.classicGroup());
        long[] copied = {0};
        for (Map.Entry<TopicPartition, Long> e : begin.entrySet()) {
            OffsetAndMetadata from = classic.get(e.getKey());
            long start = from == null ? 0 : from.offset();
            long end = e.getValue();
            if (start >= end) {
                continue;
            }
            reader.readFrom(e.getKey(), start, r -> {
                if (r.offset() >= end) {
                    return false;
                }
                // an earlier attempt's commands are not decisions to repeat
                if (r.headers().lastHeader(AuditCommands.HEADER) == null) {
                    out.send(new ProducerRecord<>(r.topic(), r.partition(), r.timestamp(), r.key(), r.value(),
                            new RecordHeaders(r.headers().toArray())));
                    copied[0]++;
                }
                return true;
            });
        }
        return copied[0];
    }

    private static RecordHeaders command(String name) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(AuditCommands.HEADER, name.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** Sends in transactions of {@link #PER_TRANSACTION}; the last one stays open for the positions. */
    private static final class Batches {

        private final KafkaProducer<String, byte[]> producer;
        private long inTransaction;
        private long total;

        Batches(KafkaProducer<String, byte[]> producer) {
            this.producer = producer;
            producer.beginTransaction();
        }

        void send(ProducerRecord<String, byte[]> record) {
            if (inTransaction == PER_TRANSACTION) {
                producer.commitTransaction();
                producer.beginTransaction();
                inTransaction = 0;
            }
            producer.send(record);
            inTransaction++;
            if (++total % 100_000 == 0) {
                log.info("{} records of the classic engine's state sent", total);
            }
        }

        void commit() {
            producer.commitTransaction();
        }
    }
}
