package nl.iwa.hub.impact.kafka;

import static nl.iwa.hub.contract.common.HandoffStatus.COMPLETED;
import static nl.iwa.hub.contract.common.HandoffStatus.DECLINED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.impact.ImpactCell;
import nl.iwa.hub.handoff.WorkingDayCalendar;
import nl.iwa.hub.impact.SettledHandoffs;
import nl.iwa.hub.impact.SignalFollowUps;
import nl.iwa.hub.policy.Deadlines;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.transport.KafkaConnection;
import nl.iwa.hub.transport.StreamsSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A state store is rebuilt from its changelog after its local files are gone (a new disk, a hub moved to another
 * machine): the hub's Streams topology, on the real broker, counts settled handoffs; it is stopped, its state
 * directory deleted, and started again. What it does next shows whether its stores came back: a rewrite of a
 * handoff it already counted must not be counted again (the store of counted handoffs), and a new handoff must add
 * to the old total rather than start a new one (the store of cell totals). The restore listener shows the records
 * came from the changelogs.
 */
class StoreRebuildIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String COMPLETED_CELL = "HANDOFF|flow|UWV|COMPLETED_HELP_ACCEPTED|WORK|2026-Q4";
    private static final String DECLINED_CELL = "HANDOFF|flow|UWV|DECLINED|WORK|2026-Q4";

    private final KafkaConnection admin = TestInfrastructure.get().adminConnection();
    private final String prefix = "rebuild-" + UUID.randomUUID().toString().substring(0, 8);
    private final String handoffTopic = prefix + ".handoffs";
    private final String auditTopic = prefix + ".audit";
    private final String impactTopic = prefix + ".impact";
    private final Map<String, Long> restored = new ConcurrentHashMap<>();
    private Path stateDir;
    private KafkaStreams streams;

    @BeforeEach
    void topics() throws Exception {
        stateDir = Files.createTempDirectory("store-rebuild-it");
        try (Admin a = Admin.create(admin.properties())) {
            a.createTopics(List.of(new NewTopic(handoffTopic, 1, (short) 1), new NewTopic(auditTopic, 1, (short) 1),
                    new NewTopic(impactTopic, 1, (short) 1))).all().get();
        }
    }

    @AfterEach
    void stop() throws IOException {
        if (streams != null) {
            streams.close(Duration.ofSeconds(10));
        }
        deleteRecursively(stateDir);
    }

    @Test
    void storesComeBackFromTheirChangelogsAfterTheLocalStateIsDeleted() throws IOException {
        HandoffRecord first = ImpactTopologyTest.handoff("case-1", COMPLETED);
        produce(first, ImpactTopologyTest.handoff("case-2", COMPLETED), ImpactTopologyTest.handoff("case-3", COMPLETED));
        start();
        await().atMost(WAIT).until(() -> Optional.ofNullable(latestCells().get(COMPLETED_CELL)).map(ImpactCell::getCount).orElse(0L) == 3);
        streams.close(Duration.ofSeconds(30));
        assertThat(filesUnder(stateDir)).as("the stopped topology left RocksDB files").isNotEmpty();

        deleteRecursively(stateDir);
        Files.createDirectories(stateDir);
        // the same final state again (a compacted topic may show it twice), a new settlement, and a marker in another
        // cell: one partition, so once the marker is counted the two before it have been decided
        produce(first, ImpactTopologyTest.handoff("case-4", COMPLETED), ImpactTopologyTest.handoff("case-5", DECLINED));
        start();
        await().atMost(WAIT).until(() -> latestCells().containsKey(DECLINED_CELL));

        assertThat(latestCells().get(COMPLETED_CELL).getCount())
                .as("3 counted before the state was deleted, plus the new one; the rewrite is not counted again")
                .isEqualTo(4);
        assertThat(restored).as("records restored per store from its changelog")
                .containsEntry(ImpactTopology.COUNTED, 3L)
                .hasEntrySatisfying(ImpactTopology.CELLS, n -> assertThat(n).isPositive());
    }

    private void start() {
        Properties p = new StreamsSettings(admin, prefix + "-hub", stateDir, (short) 1).properties(StreamsSettings.IMPACT);
        SettledHandoffs settled = new SettledHandoffs(id -> Optional.of("UWV"), id -> Optional.of(Deadlines.DEFAULT),
                new WorkingDayCalendar());
        var topology = ImpactTopology.build(handoffTopic, auditTopic, impactTopic,
                ImpactTopologyTest.avro(HandoffRecord.class), ImpactTopologyTest.avro(nl.iwa.hub.contract.audit.AuditRecord.class),
                ImpactTopologyTest.avro(ImpactCell.class), settled, new SignalFollowUps(Duration.ofDays(182)),
                id -> Optional.of("SOCIAL_TEAM"), Duration.ofDays(400));
        streams = new KafkaStreams(topology, p);
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition tp, String store, long start, long end) {
            }

            @Override
            public void onBatchRestored(TopicPartition tp, String store, long batchEnd, long numRestored) {
            }

            @Override
            public void onRestoreEnd(TopicPartition tp, String store, long totalRestored) {
                restored.merge(store, totalRestored, Long::sum);
            }
        });
        streams.start();
    }

    private void produce(HandoffRecord... handoffs) {
        Properties p = admin.properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                (topic, v) -> v)) {
            for (HandoffRecord h : handoffs) {
                producer.send(new ProducerRecord<>(handoffTopic, h.getHandoffId(),
                        ImpactTopologyTest.avro(HandoffRecord.class).serializer().serialize(handoffTopic, h)));
            }
            producer.flush();
        }
    }

    /** The impact topic's latest figure per cell, as a read_committed reader sees it. */
    private Map<String, ImpactCell> latestCells() {
        Properties p = admin.properties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, ImpactCell> latest = new HashMap<>();
        var deserializer = ImpactTopologyTest.avro(ImpactCell.class).deserializer();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                (topic, data) -> data)) {
            TopicPartition tp = new TopicPartition(impactTopic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> latest.put(r.key(), deserializer.deserialize(impactTopic, r.value())));
            }
        }
        return latest;
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
