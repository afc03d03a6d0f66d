package nl.iwa.hub.intake.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.decision.ResidentKeys;
import nl.iwa.hub.identity.Pseudonymiser;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.messages.OutboxMessages;
import nl.iwa.hub.testkit.registry.RegistryWriter;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.DeadLetterHeaders;
import nl.iwa.hub.transport.KafkaConnection;
import nl.iwa.hub.transport.StreamsSettings;
import nl.iwa.hub.transport.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The re-keying step on the real broker and registry, run by two instances in one group under exactly-once: the
 * records about one resident, sent by two partners in different cases (so on different outbox partitions, read by
 * different instances), all land on one partition of the decide topic, the one Kafka's partitioner gives the
 * pseudonym; each exactly once; and when one instance stops, the other takes over its outbox partitions.
 */
class ResidentKeyingIT {

    private static final int DECIDE_PARTITIONS = 6;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String HOUSING = "housing-mijnstreek";
    private static final String SOCIAL_TEAM = "socialteam-heerlen";

    private final TestInfrastructure infra = TestInfrastructure.get();
    private final KafkaConnection admin = infra.adminConnection();
    private final Topics topics = Topics.withPrefix("keying" + UUID.randomUUID().toString().substring(0, 8));
    private final Pseudonymiser pseudonymiser = new Pseudonymiser("a test key of at least thirty-two bytes!".getBytes(StandardCharsets.UTF_8));
    private final List<KafkaStreams> instances = new ArrayList<>();
    private final List<Path> stateDirs = new ArrayList<>();
    private AvroCodec codec;

    @BeforeEach
    void topicsAndSchemas() throws Exception {
        try (Admin a = Admin.create(admin.properties())) {
            a.createTopics(List.of(new NewTopic(topics.outbox(HOUSING), 3, (short) 1),
                    new NewTopic(topics.outbox(SOCIAL_TEAM), 3, (short) 1),
                    new NewTopic(topics.decide(), DECIDE_PARTITIONS, (short) 1),
                    new NewTopic(topics.handoffUpdates(), DECIDE_PARTITIONS, (short) 1))).all().get();
        }
        RegistryWriter writer = infra.registryWriter();
        try (AvroCodec asHub = new AvroCodec(infra.registryUrl(), writer.username(), writer.password())) {
            asHub.register(topics.outbox(HOUSING), OutboxMessage.getClassSchema());
            asHub.register(topics.outbox(SOCIAL_TEAM), OutboxMessage.getClassSchema());
        }
        codec = new AvroCodec(infra.registryUrl());
    }

    @AfterEach
    void stop() throws IOException {
        instances.forEach(s -> s.close(Duration.ofSeconds(10)));
        codec.close();
        for (Path dir : stateDirs) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void oneResidentsRecordsMeetOnOnePartitionWhicheverInstanceReadThemAndSurviveAnInstanceLeaving() throws IOException {
        KafkaStreams first = start();
        KafkaStreams second = start();
        await().atMost(WAIT).until(() -> hasActiveTasks(first) && hasActiveTasks(second));

        List<Subject> residents = Stream.generate(SyntheticResidents::next).limit(20).toList();
        produce(residents, "first");
        await().atMost(WAIT).until(() -> decided().size() == 3 * residents.size());

        second.close(Duration.ofSeconds(30)); // its outbox partitions move to the first
        produce(residents, "second");
        await().atMost(WAIT).until(() -> decided().size() == 6 * residents.size());

        List<ConsumerRecord<String, byte[]>> decided = decided();
        Map<String, Set<Integer>> partitionsByResident = new HashMap<>();
        decided.forEach(r -> partitionsByResident.computeIfAbsent(r.key(), k -> new HashSet<>()).add(r.partition()));
        assertThat(partitionsByResident).hasSize(residents.size());
        for (Subject resident : residents) {
            String pseudonym = pseudonymiser.pseudonymOf(resident).orElseThrow();
            assertThat(partitionsByResident.get(pseudonym)).as("one resident, one partition: the partitioner's for the pseudonym")
                    .containsExactly(Utils.toPositive(Utils.murmur2(pseudonym.getBytes(StandardCharsets.UTF_8))) % DECIDE_PARTITIONS);
        }
        assertThat(decided).extracting(ResidentKeyingIT::origin).as("each outbox record once").doesNotHaveDuplicates();
        assertThat(new HashSet<>(partitionsByResident.values().stream().flatMap(Set::stream).toList()))
                .as("the residents spread over the decide partitions").hasSizeGreaterThan(1);

        List<ConsumerRecord<String, byte[]>> updates = new ArrayList<>();
        new TopicReader(admin).readAll(topics.handoffUpdates(), updates::add);
        assertThat(updates).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("first-h", "second-h");
    }

    /** Per resident: a consent and a handoff request by the social team and a signal by housing, each in its own case. */
    private void produce(List<Subject> residents, String round) {
        var p = admin.properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (Subject resident : residents) {
                send(producer, OutboxMessages.inCase(SOCIAL_TEAM, "hub", "WORK_REINTEGRATION", UUID.randomUUID().toString(),
                        Bodies.grant(UUID.randomUUID().toString(), resident, "WORK_REINTEGRATION", "uwv-zuid-limburg", "WORK")));
                send(producer, OutboxMessages.inCase(HOUSING, SOCIAL_TEAM, "EARLY_DEBT_SIGNALLING", UUID.randomUUID().toString(),
                        Bodies.rentArrears(resident)));
                send(producer, OutboxMessages.inCase(SOCIAL_TEAM, "uwv-zuid-limburg", "WORK_REINTEGRATION", UUID.randomUUID().toString(),
                        Bodies.workReintegration(resident)));
            }
            send(producer, OutboxMessages.inCase(HOUSING, SOCIAL_TEAM, "EARLY_DEBT_SIGNALLING", UUID.randomUUID().toString(),
                    Bodies.update(round + "-h", HandoffStatus.ACCEPTED)));
            producer.flush();
        }
    }

    private void send(KafkaProducer<String, byte[]> producer, OutboxMessage m) {
        String topic = topics.outbox(m.getSenderPartnerId());
        producer.send(new ProducerRecord<>(topic, m.getCorrelationId(), codec.encodeForOutbox(topic, m)));
    }

    private KafkaStreams start() throws IOException {
        Path dir = Files.createTempDirectory("keying-it");
        stateDirs.add(dir);
        var settings = new StreamsSettings(admin, topics.prefix() + "-hub", dir, (short) 1).properties("keying");
        KafkaStreams streams = new KafkaStreams(ResidentKeyingTopology.build(
                List.of(topics.outbox(HOUSING), topics.outbox(SOCIAL_TEAM)), topics.decide(), topics.handoffUpdates(),
                codec::decodeOutbox, new ResidentKeys(pseudonymiser)), settings);
        instances.add(streams);
        streams.start();
        return streams;
    }

    private static boolean hasActiveTasks(KafkaStreams streams) {
        return streams.state() == KafkaStreams.State.RUNNING
                && streams.metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty());
    }

    private List<ConsumerRecord<String, byte[]>> decided() {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        new TopicReader(admin).readAll(topics.decide(), all::add);
        return all;
    }

    private static String origin(ConsumerRecord<String, byte[]> r) {
        return DeadLetterHeaders.value(r.headers(), DeadLetterHeaders.SOURCE_TOPIC) + "/"
                + DeadLetterHeaders.value(r.headers(), DeadLetterHeaders.SOURCE_PARTITION) + "/"
                + DeadLetterHeaders.value(r.headers(), DeadLetterHeaders.SOURCE_OFFSET);
    }
}
