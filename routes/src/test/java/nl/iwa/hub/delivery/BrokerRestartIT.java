package nl.iwa.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.testing.PackagedHub;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testkit.TopicProbe;
import nl.iwa.hub.testkit.ChildProcess;
import nl.iwa.hub.testkit.broker.KafkaBroker;
import nl.iwa.hub.transport.KafkaConnection;
import org.junit.jupiter.api.Test;

/**
 * The broker itself crashes (SIGKILL) while the packaged hub works through a stream, and comes back on the same
 * storage: the hub's readiness goes down while the broker is away and up again after, and every message is
 * decided once and every accepted one delivered once. A broker of its own, so the shared one is not disturbed.
 */
class BrokerRestartIT {

    private static final int MESSAGES = Integer.getInteger("iwa.broker-restart.messages", 50_000);
    private static final Duration WAIT = Duration.ofMinutes(5);

    @Test
    void aBrokerCrashMidStreamLosesNothingAndDoublesNothing() {
        String prefix = "brokerrestart" + UUID.randomUUID().toString().substring(0, 8);
        String registryUrl = TestInfrastructure.get().registryUrl();
        long start = System.nanoTime();
        KafkaBroker broker = KafkaBroker.start(ChildProcess.freePort(), ChildProcess.freePort(),
                Path.of("target", "test-logs", prefix).toAbsolutePath());
        int httpPort = ChildProcess.freePort();
        // an open broker of its own: this test is about a crash, and the shared secured one must stay up
        KafkaConnection open = KafkaConnection.plaintext(broker.bootstrapServers());
        ChildProcess hub = PackagedHub.start(prefix, broker.bootstrapServers(), null, registryUrl, httpPort);
        try (MixedTraffic traffic = new MixedTraffic(prefix, id -> open, open, registryUrl);
             TopicProbe<AuditRecord> progress = traffic.auditProbe()) {
            hub.awaitReady(() -> PackagedHub.readiness(httpPort) == 200, Duration.ofMinutes(2));

            // Given a hub working through the first half of the stream
            traffic.send(MESSAGES / 2);
            long at = ThreadLocalRandom.current().nextInt(MESSAGES / 8, MESSAGES / 4);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> progress.count() >= at);

            // When the broker crashes, readiness goes down; when it is back, readiness comes back
            broker.crash();
            await().atMost(WAIT).until(() -> PackagedHub.readiness(httpPort) == 503);
            broker.restart();
            await().atMost(WAIT).until(() -> PackagedHub.readiness(httpPort) == 200);

            // and the partners publish the second half
            traffic.send(MESSAGES - traffic.sent());

            // Then nothing is lost and nothing doubled
            MixedTraffic.Outcome outcome = traffic.awaitExactlyOnce(WAIT, hub::requireAlive);
            System.out.printf("broker restart: %d messages sent, broker crashed at ~%d decided, %d accepted, %d delivered once, "
                            + "%d duplicates, %d lost, %.1f s%n", outcome.sent(), at, outcome.accepted(), outcome.deliveredOnce(),
                    outcome.duplicates(), outcome.lost(), (System.nanoTime() - start) / 1e9);
            assertThat(outcome.lost()).isZero();
        } finally {
            hub.stop();
            broker.close();
        }
    }
}
