package nl.iwa.hub.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.iwa.hub.connectors.ConnectorHub;
import nl.iwa.hub.connectors.ConnectorPartner;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.inbox.FileIntakeReport;
import nl.iwa.hub.contract.inbox.FileIntakeStatus;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.outcome.FileReports;
import nl.iwa.hub.testing.LogCapture;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testing.StandaloneHub;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testkit.TopicProbe;
import nl.iwa.hub.testkit.partner.PartnerSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The file batch intake in a whole hub of its own (its own topics and a partners.yaml in which housing-mijnstreek
 * drops files in a temporary folder): 10,000 rows with 1 % bad rows give exactly 9,900 signals in housing's outbox
 * and a report of 100 rejections by row and reason, beside the file and, once, in housing's own inbox (read as the
 * partner guide says: its credentials, its inbox consumer group, read_committed); the same content again gives
 * nothing new; a file whose intake dies halfway, or just before its report, gives exactly 9,900 signals and one
 * report in all after the restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FileBatchIntakeIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Pattern SYNTHETIC_BSN = Pattern.compile("9999\\d{5}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String prefix = "files" + UUID.randomUUID().toString().substring(0, 8);
    private Path folder;
    private StandaloneHub hub;

    @BeforeAll
    void startHub() throws Exception {
        TestInfrastructure.get();
        Path dir = Files.createDirectories(Path.of("target", "file-intake", prefix)).toAbsolutePath();
        folder = Files.createDirectories(dir.resolve("housing-in"));
        Path config = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
        String partners = Files.readString(config.resolve("partners.yaml"));
        String housing = "    escalationContact: teamleider-huurincasso\n";
        assertThat(partners).contains(housing);
        Path ownPartners = dir.resolve("partners.yaml");
        Files.writeString(ownPartners, partners.replace(housing, housing
                + "    connectors: {files: {folder: '" + folder + "', receiver: socialteam-heerlen}}\n"));
        hub = StandaloneHub.start(prefix, "--iwa.config.partners=" + ownPartners, "--iwa.connectors.files.poll-delay-ms=200");
    }

    @AfterAll
    void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aListWithOnePercentBadRowsGivesOneSignalPerGoodRowOnceAndAReportWithoutPersonalData() throws Exception {
        ArrearsFiles list = new ArrearsFiles(10_000, 20_000);
        String hash = FileBatchIntake.sha256(list.content);
        try (TopicProbe<byte[]> outbox = new TopicProbe<>(TestInfrastructure.get().adminConnection().properties(),
                prefix + ".housing-mijnstreek.outbox", new ByteArrayDeserializer());
             TopicProbe<InboxMessage> socialInbox = new TopicProbe<>(TestInfrastructure.get().adminConnection().properties(),
                     prefix + ".socialteam-heerlen.inbox", inboxDeserializer())) {
            // When housing drops the list
            drop("huurachterstanden-2026-12.csv", list.content);

            // Then its report lands beside it: 9,900 accepted, and the 100 bad rows by number and reason code
            JsonNode report = awaitReport("huurachterstanden-2026-12.csv");
            assertThat(report.get("status").asText()).isEqualTo("PROCESSED");
            assertThat(report.get("fileHash").asText()).isEqualTo(hash);
            assertThat(report.get("rowsRead").asInt()).isEqualTo(10_000);
            assertThat(report.get("accepted").asInt()).isEqualTo(9_900);
            assertThat(report.get("rejectedCount").asInt()).isEqualTo(100);
            Map<Integer, RejectionReason> rejected = new TreeMap<>();
            report.get("rejected").forEach(r -> rejected.put(r.get("row").asInt(), RejectionReason.valueOf(r.get("reasonCode").asText())));
            assertThat(rejected).isEqualTo(list.bad);
            assertThat(rejected.values().stream().distinct()).hasSize(5);
            // and once in housing's own inbox, by hash (not by name), audited as the hub's delivery to housing
            try (HousingInbox inbox = new HousingInbox()) {
                InboxMessage message = await().atMost(WAIT).until(() -> inbox.reportsOf(hash), l -> !l.isEmpty()).get(0);
                FileIntakeReport body = (FileIntakeReport) message.getBody();
                assertThat(message.getOriginPartnerId()).isEqualTo("hub");
                assertThat(message.getCorrelationId()).isEqualTo(ArrearsSignals.correlationId(hash));
                assertThat(body.getStatus()).isEqualTo(FileIntakeStatus.PROCESSED);
                assertThat(body.getRowsRead()).isEqualTo(10_000);
                assertThat(body.getAccepted()).isEqualTo(9_900);
                assertThat(body.getRejectedCount()).isEqualTo(100);
                Map<Integer, RejectionReason> inInbox = new TreeMap<>();
                body.getRejected().forEach(r -> inInbox.put(r.getRow(), RejectionReason.valueOf(r.getReasonCode().name())));
                assertThat(inInbox).isEqualTo(list.bad);
                assertThat(message.toString()).doesNotContain("huurachterstanden");
                assertThat(bsnsIn(message.toString(), new HashSet<>(list.bsns))).isEmpty();
                // (on the decide topology the owning task links the audit record into its chain after the report is out)
                assertThat(await().atMost(WAIT).until(() -> auditOfReport(message.getMessageId()), l -> !l.isEmpty())).singleElement().satisfies(a -> {
                    assertThat(a.getDecision()).isEqualTo(Decision.DELIVERED);
                    assertThat(a.getReceiverPartnerId()).isEqualTo("housing-mijnstreek");
                });

                // and a second drop of the same content sends no second report
                drop("huurachterstanden-opnieuw.csv", list.content);
                assertThat(awaitReport("huurachterstanden-opnieuw.csv").get("status").asText()).isEqualTo("ALREADY_PROCESSED");
                assertThat(inbox.reportsOf(hash)).hasSize(1);
            }

            // and the file itself is moved out of the way
            await().atMost(WAIT).until(() -> !Files.exists(folder.resolve("huurachterstanden-2026-12.csv")));
            assertThat(doneFiles()).anyMatch(n -> n.startsWith("huurachterstanden-2026-12-") && n.endsWith(".csv"));

            // and exactly 9,900 signals are committed to housing's outbox, each row once
            // (the other test of this class writes the same outbox: count this file's rows by their message ids)
            await().atMost(WAIT).until(() -> ofFile(hash, outbox.records()).size() >= 9_900);
            List<String> signals = ofFile(hash, outbox.readToEnd());
            assertThat(signals).hasSize(9_900).doesNotHaveDuplicates();
            // which the hub decides like any partner's records: the early-debt policy delivers them to the social team
            String correlation = ArrearsSignals.correlationId(hash);
            await().atMost(WAIT).until(() -> socialInbox.values().stream()
                    .filter(m -> correlation.equals(m.getCorrelationId())).count() >= 9_900);

            // When the same content came again, under another name (above)
            // Then its report says it was done before, and nothing new reaches the outbox
            JsonNode again = awaitReport("huurachterstanden-opnieuw.csv");
            assertThat(again.get("status").asText()).isEqualTo("ALREADY_PROCESSED");
            assertThat(again.get("accepted").asInt()).isEqualTo(9_900);
            assertThat(ofFile(hash, outbox.readToEnd())).hasSize(9_900);

            // and neither the reports nor the logs hold a value of the rows
            Set<String> bsns = new HashSet<>(list.bsns);
            for (String text : List.of(report.toString(), again.toString())) {
                assertThat(text).doesNotContain(ArrearsFiles.NAME_MARKER).doesNotContain("Proefstraat").doesNotContain("6411");
                assertThat(bsnsIn(text, bsns)).isEmpty();
            }
            for (String line : LogCapture.lines()) {
                assertThat(line).doesNotContain(ArrearsFiles.NAME_MARKER).doesNotContain("Proefstraat");
                assertThat(bsnsIn(line, bsns)).as(line).isEmpty();
            }
        }
    }

    @Test
    void aFileWhoseIntakeDiesHalfwayResumesAfterTheLastCommittedChunk() throws Exception {
        ArrearsFiles list = new ArrearsFiles(10_000, 40_000);
        String hash = FileBatchIntake.sha256(list.content);
        ConnectorHub connectors = hub.bean(ConnectorHub.class);
        ConnectorPartner housing = connectors.partner("housing-mijnstreek").orElseThrow();
        // an intake of its own (not the route's), with a transactional id of its own, so the route is not fenced
        String transactionalId = connectors.transactionalIdPrefix() + "files-crash-test";

        // Given an intake that dies before committing its 11th chunk of 500 rows, leaving that transaction open
        FileBatchIntake dying = new FileBatchIntake(connectors, transactionalId, 500, Clock.systemUTC(), chunk -> {
            if (chunk == 11) {
                throw new IllegalStateException("killed");
            }
        });
        assertThatThrownBy(() -> dying.process(housing, "halfway.csv", list.content)).hasMessage("killed");

        // and, restarted, one that dies after its last chunk, just before the transaction of the report
        FileBatchIntake dyingBeforeReport = new FileBatchIntake(connectors, transactionalId, 500, Clock.systemUTC(), chunk -> {
            if (chunk == FileBatchIntake.FINISH) {
                throw new IllegalStateException("killed before the report");
            }
        });
        try (TopicProbe<byte[]> outbox = new TopicProbe<>(TestInfrastructure.get().adminConnection().properties(),
                prefix + ".housing-mijnstreek.outbox", new ByteArrayDeserializer());
             HousingInbox inbox = new HousingInbox()) {
            assertThatThrownBy(() -> dyingBeforeReport.process(housing, "halfway.csv", list.content)).hasMessage("killed before the report");
            dyingBeforeReport.close();
            assertThat(ofFile(hash, outbox.readToEnd())).hasSize(9_900);
            assertThat(inbox.reportsOf(hash)).isEmpty();

            try (FileBatchIntake restarted = new FileBatchIntake(connectors, transactionalId, 500, Clock.systemUTC(), chunk -> { })) {
                // When the hub restarts (a new producer with the same id aborts what the dead one left open) and the file
                // is picked up again
                FileBatchIntake.Outcome outcome = restarted.process(housing, "halfway.csv", list.content);

                // Then it resumed after the last committed chunk and the file counts 9,900 signals in all, each once
                assertThat(outcome.repeated()).isFalse();
                assertThat(outcome.progress().accepted()).isEqualTo(9_900);
                assertThat(outcome.progress().rejected()).hasSize(100);
                assertThat(ofFile(hash, outbox.readToEnd())).hasSize(9_900).doesNotHaveDuplicates();
                // and housing has its report, once, with the counts of the whole file
                assertThat(inbox.reportsOf(hash)).singleElement()
                        .satisfies(m -> assertThat(((FileIntakeReport) m.getBody()).getAccepted()).isEqualTo(9_900));

                // and a third pick-up gives nothing new: no signal, no second report
                assertThat(restarted.process(housing, "halfway.csv", list.content).repeated()).isTrue();
                assertThat(ofFile(hash, outbox.readToEnd())).hasSize(9_900);
                assertThat(inbox.reportsOf(hash)).hasSize(1);
            }
        } finally {
            dying.close();
            dyingBeforeReport.close();
        }
    }

    /**
     * Housing's own system reading its inbox as the partner guide says: its own credentials, its inbox consumer group,
     * read_committed, committing what it read. It keeps every message it read.
     */
    private final class HousingInbox implements AutoCloseable {
        private final KafkaConsumer<String, Object> consumer;
        private final List<InboxMessage> read = new java.util.ArrayList<>();

        HousingInbox() {
            TestInfrastructure infra = TestInfrastructure.get();
            java.util.Properties p = infra.partnerConnection("housing-mijnstreek").properties();
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "housing-mijnstreek-inbox");
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumer = new KafkaConsumer<>(p, new StringDeserializer(), PartnerSerdes.deserializer(infra.registryUrl()));
            String topic = prefix + ".housing-mijnstreek.inbox";
            // assigned, not subscribed: no rebalance to wait for; the group still keeps what was read
            consumer.assign(consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList());
        }

        /** Reads to the end as of now and commits; the reports about the file with this hash read so far. */
        List<InboxMessage> reportsOf(String hash) {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add((InboxMessage) r.value()));
            }
            consumer.commitSync();
            return read.stream().filter(m -> m.getBody() instanceof FileIntakeReport r && hash.equals(r.getFileHash())).toList();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<AuditRecord> auditOfReport(String reportMessageId) {
        try (TopicProbe<AuditRecord> audit = new TopicProbe<>(TestInfrastructure.get().adminConnection().properties(), prefix + ".hub.audit",
                (Deserializer) PartnerSerdes.deserializer(TestInfrastructure.get().registryUrl()))) {
            return audit.readToEnd().stream().map(ConsumerRecord::value)
                    .filter(a -> FileReports.MESSAGE_TYPE.equals(a.getMessageType()) && a.getDetail().contains(reportMessageId))
                    .toList();
        }
    }

    /** Whether a key is the message id of one of the rows (2 to 10,001) of the file with this hash. */
    private static final Map<String, Set<String>> IDS = new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean isMessageOf(String hash, String key) {
        return IDS.computeIfAbsent(hash, h -> java.util.stream.IntStream.rangeClosed(2, 10_001)
                .mapToObj(row -> ArrearsSignals.messageId(h, row)).collect(Collectors.toSet())).contains(key);
    }

    private static List<String> ofFile(String hash, List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::key).filter(key -> isMessageOf(hash, key)).toList();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Deserializer<InboxMessage> inboxDeserializer() {
        return (Deserializer) PartnerSerdes.deserializer(TestInfrastructure.get().registryUrl());
    }

    private void drop(String name, byte[] content) throws Exception {
        // written beside, then moved in whole, as an SFTP client's rename-on-completion does
        Path part = folder.resolve(name + ".part");
        Files.write(part, content);
        Files.move(part, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private JsonNode awaitReport(String name) throws Exception {
        Path report = folder.resolve(name + ".report.json");
        await().atMost(WAIT).until(() -> Files.exists(report) && Files.size(report) > 0);
        return JSON.readTree(Files.readString(report));
    }

    private List<String> doneFiles() throws Exception {
        try (Stream<Path> files = Files.list(folder.resolve(".done"))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static Set<String> bsnsIn(String text, Set<String> bsns) {
        Set<String> found = new HashSet<>();
        Matcher m = SYNTHETIC_BSN.matcher(text);
        while (m.find()) {
            if (bsns.contains(m.group())) {
                found.add(m.group());
            }
        }
        return found;
    }
}
