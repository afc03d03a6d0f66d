package nl.iwa.hub.engine;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import nl.iwa.hub.audit.AuditChains;
import nl.iwa.hub.audit.AuditSeal;
import nl.iwa.hub.audit.AuditSealer;
import nl.iwa.hub.audit.AuditSigningKey;
import nl.iwa.hub.audit.TrailHeads;
import nl.iwa.hub.consent.ConsentRegistry;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.decision.OutboxDecisions;
import nl.iwa.hub.handoff.HandoffDesk;
import nl.iwa.hub.handoff.HandoffStore;
import nl.iwa.hub.handoff.WorkingDayCalendar;
import nl.iwa.hub.identity.Pseudonymiser;
import nl.iwa.hub.intake.OutboxRecordHandler;
import nl.iwa.hub.observability.HubMetrics;
import nl.iwa.hub.outcome.OutcomeWriter;
import nl.iwa.hub.policy.ReviewedConfigLoader;
import nl.iwa.hub.provisioning.SchemaRegistration;
import nl.iwa.hub.provisioning.TopicProvisioner;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.KafkaConnection;
import nl.iwa.hub.transport.Outbound;
import nl.iwa.hub.transport.RawOutboxRecord;
import nl.iwa.hub.transport.TopicReader;
import nl.iwa.hub.transport.TransactionalPublisher;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * What a deployment on the classic engine (removed, issue #14) left on its topics, written as that engine wrote it, for
 * the decide topology to take over ({@link ClassicStateImport}). Its decisions come from the same decision core, with
 * the state on the heap; what follows from each outbox record goes out in one transaction with the record's outbox
 * position committed for the classic engine's group (the hub's group id): the deliveries, the consent and handoff
 * state on the compacted topics, and the audit records, each linked into the chain of the partition its resident (else
 * its case, else its own id) hashes to, closed by the signed seals of the heads (a checkpoint, and the all-chains
 * {@link AuditSeal.Kind#HEAD} that only the classic engine wrote).
 */
final class ClassicDeployment implements AutoCloseable {

    private final Topics topics;
    private final String group;
    private final KafkaConnection kafka;
    private final AvroCodec codec;
    private final TopicReader reader;
    private final OutboxRecordHandler handler;
    private final AuditChains chains;
    private final AuditSealer sealer;
    private final Clock clock = Clock.systemUTC();
    private final KafkaProducer<String, byte[]> producer;

    private ClassicDeployment(String prefix) {
        TestInfrastructure infra = TestInfrastructure.get();
        this.topics = Topics.withPrefix(prefix);
        this.group = prefix + "-hub"; // the group and transactional id StandaloneHub gives the hub
        infra.grant(prefix, group, group);
        this.kafka = infra.hubConnection();
        Path dir = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
        var config = new ReviewedConfigLoader().load(dir.resolve("partners.yaml"), dir.resolve("policies.yaml"));
        this.codec = new AvroCodec(infra.registryUrl(), infra.registryWriter().username(), infra.registryWriter().password());
        // as the classic hub did at its first start: the schemas, then the topics
        new SchemaRegistration(codec, new nl.iwa.hub.transport.RegistryAccount(infra.registryUrl(),
                infra.registryWriter().username(), infra.registryWriter().password()), topics, config.partners()).apply();
        new TopicProvisioner(kafka, topics, config.partners(), config.policies()).provision();
        this.reader = new TopicReader(kafka);
        HandoffStore handoffs = new HandoffStore();
        ConsentRegistry consents = new ConsentRegistry();
        HubMetrics metrics = new HubMetrics(new SimpleMeterRegistry());
        HandoffDesk desk = new HandoffDesk(handoffs, config.partners(), config.policies(), new WorkingDayCalendar(), clock);
        // no withdrawal is decided here, so no past deliveries are asked for
        OutboxDecisions decisions = new OutboxDecisions(config.partners(), config.policies(), consents,
                new Pseudonymiser(HubIntegrationTest.TEST_PSEUDONYM_KEY.getBytes(StandardCharsets.UTF_8)), desk,
                consentId -> List.of(), clock);
        this.handler = new OutboxRecordHandler(codec, decisions,
                new OutcomeWriter(topics, config.partners(), consents, handoffs, metrics, clock), metrics);
        this.chains = new AuditChains(TrailHeads.empty(reader.partitionCount(topics.audit())));
        this.sealer = new AuditSealer(AuditSigningKey.fromPemFile(HubIntegrationTest.auditSigningKey()), topics.audit(),
                topics.auditSeals(), 10_000, Duration.ofHours(1), null);
        this.producer = new KafkaProducer<>(TransactionalPublisher.producerConfig(kafka, group), new StringSerializer(),
                new ByteArraySerializer());
        producer.initTransactions();
    }

    /** A new deployment under {@code prefix}: its schemas registered and its topics created, as its first start did. */
    static ClassicDeployment provision(String prefix) {
        return new ClassicDeployment(prefix);
    }

    /** Decides the outbox record at {@code at} and writes what follows from it, as the classic engine did. */
    void decide(RecordMetadata at) throws ExecutionException, InterruptedException {
        TopicPartition outbox = new TopicPartition(at.topic(), at.partition());
        byte[][] value = new byte[1][];
        reader.readFrom(outbox, at.offset(), r -> {
            value[0] = r.value();
            return false;
        });
        List<Outbound> outcome = handler.handle(new RawOutboxRecord(at.topic(), at.partition(), at.offset(), value[0],
                topics.outboxOwner(at.topic())));
        TrailHeads before = chains.heads();
        producer.beginTransaction();
        for (Outbound out : outcome) {
            RecordMetadata written = producer.send(record(out)).get();
            if (out.needsMetadata()) {
                out.onSent().accept(written); // a handoff's state records where its delivery landed
            }
        }
        List<AuditSeal> seals = sealer.sealsFor(before, chains.heads(), clock.instant());
        for (AuditSeal seal : seals) {
            producer.send(new ProducerRecord<>(topics.auditSeals(), null, seal.recordKey(),
                    seal.toJson().getBytes(StandardCharsets.UTF_8))).get();
        }
        producer.sendOffsetsToTransaction(Map.of(outbox, new OffsetAndMetadata(at.offset() + 1)), new ConsumerGroupMetadata(group));
        producer.commitTransaction();
        sealer.committed();
        outcome.forEach(out -> out.onCommitted().run());
    }

    /**
     * A hub of the classic engine that still runs, as the decide topology sees one: a member of the classic engine's
     * group. It commits nothing.
     */
    KafkaConsumer<String, byte[]> stillRunning(String outbox) {
        Properties config = kafka.properties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> member = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        member.subscribe(List.of(outbox));
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (member.assignment().isEmpty() && System.nanoTime() < until) {
            member.poll(Duration.ofMillis(200));
        }
        return member;
    }

    private ProducerRecord<String, byte[]> record(Outbound out) {
        Integer partition = null;
        if (out.value() instanceof AuditRecord audit && topics.audit().equals(out.topic())) {
            partition = chainOf(audit, chains.partitions());
            chains.append(partition, audit);
        }
        byte[] bytes = out.value() == null ? out.rawValue() : codec.encode(out.topic(), out.value());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(out.topic(), partition, out.key(), bytes);
        List<Map.Entry<String, String>> headers = new ArrayList<>(out.headers().entrySet());
        headers.forEach(h -> record.headers().add(h.getKey(), h.getValue().getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** The chain a record joined on the classic engine: by resident, else by case, else by its own id. */
    private static int chainOf(AuditRecord record, int partitions) {
        String key = record.getSubjectPseudonym() != null ? record.getSubjectPseudonym()
                : record.getCorrelationId() != null ? record.getCorrelationId() : record.getAuditId();
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        codec.close();
    }
}
