package nl.iwa.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.testing.PackagedHub;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testkit.TopicProbe;
import nl.iwa.hub.testkit.ChildProcess;
import nl.iwa.hub.testkit.broker.KafkaBroker;
import nl.iwa.hub.transport.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The broker itself crashes (SIGKILL) while the packaged hub works through a stream, and comes back on the same
 * storage: the hub's readiness goes down while the broker is away and up again after, and every message is
 * decided once and every accepted one delivered once. A broker of its own, so the shared one is not disturbed.
 */
class BrokerRestartIT {

    private static final int MESSAGES = Integer.getInteger("iwa.broker-restart.streams-messages", 12_000);
    private static final Duration WAIT = Duration.ofMinutes(5);

    /**
     * The crash, and then, in the second half, the decide topology's transactional producers fenced (as a zombie's would be by its successor): Kafka Streams takes that for migrated tasks, closes
     * them dirty and starts them again from the last commit and their changelogs, with new processors. The recovery a
     * timeout in a punctuation once led to, with duplicates (docs/operations.md).
     */
    @Test
    void aBrokerCrashAndFencedTransactionsUnderTheDecideTopologyLoseNothingAndDoubleNothing() {
        crashTheBrokerMidStream("brokerrestartst", MESSAGES);
    }

    private static void crashTheBrokerMidStream(String stem, int messages) {
        String prefix = stem + UUID.randomUUID().toString().substring(0, 8);
        String registryUrl = TestInfrastructure.get().registryUrl();
        long start = System.nanoTime();
        KafkaBroker broker = KafkaBroker.start(ChildProcess.freePort(), ChildProcess.freePort(),
                Path.of("target", "test-logs", prefix).toAbsolutePath());
        int httpPort = ChildProcess.freePort();
        // an open broker of its own: this test is about a crash, and the shared secured one must stay up
        KafkaConnection open = KafkaConnection.plaintext(broker.bootstrapServers());
        ChildProcess hub = PackagedHub.start(prefix, broker.bootstrapServers(), null, registryUrl, httpPort, Map.of());
        try (MixedTraffic traffic = new MixedTraffic(prefix, id -> open, open, registryUrl);
             TopicProbe<AuditRecord> progress = traffic.auditProbe()) {
            hub.awaitReady(() -> PackagedHub.readiness(httpPort) == 200, Duration.ofMinutes(2));

            // Given a hub working through the first half of the stream
            traffic.send(messages / 2);
            long at = ThreadLocalRandom.current().nextInt(messages / 8, messages / 4);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> progress.count() >= at);

            // When the broker crashes, readiness goes down; when it is back, readiness comes back
            broker.crash();
            await().atMost(WAIT).until(() -> PackagedHub.readiness(httpPort) == 503);
            broker.restart();
            await().atMost(WAIT).until(() -> PackagedHub.readiness(httpPort) == 200);

            // and the partners publish the second half
            traffic.send(messages - traffic.sent());
            long second = progress.count() + ThreadLocalRandom.current().nextInt(messages / 8, messages / 4);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> progress.count() >= second);
            fence(open, prefix + "-hub-decide-");

            // Then nothing is lost and nothing doubled
            MixedTraffic.Outcome outcome = traffic.awaitExactlyOnce(WAIT, hub::requireAlive);
            System.out.printf("%s: %d messages sent, broker crashed at ~%d decided, %d accepted, %d delivered once, "
                            + "%d duplicates, %d lost, %.1f s%n", stem, outcome.sent(), at, outcome.accepted(), outcome.deliveredOnce(),
                    outcome.duplicates(), outcome.lost(), (System.nanoTime() - start) / 1e9);
            assertThat(outcome.lost()).isZero();
        } finally {
            hub.stop();
            broker.close();
        }
    }

    /** Fences the transactional producers whose ids start with {@code idPrefix}: a producer with the same id takes over. */
    private static void fence(KafkaConnection kafka, String idPrefix) {
        try (Admin admin = Admin.create(kafka.properties())) {
            List<String> ids = admin.listTransactions().all().get().stream().map(TransactionListing::transactionalId)
                    .filter(id -> id.startsWith(idPrefix)).toList();
            assertThat(ids).as("the decide topology's transactional ids").isNotEmpty();
            for (String id : ids) {
                Properties props = kafka.properties();
                props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
                try (KafkaProducer<byte[], byte[]> successor = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                    successor.initTransactions();
                }
            }
            System.out.printf("fenced %d transactional producers of the decide topology%n", ids.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
