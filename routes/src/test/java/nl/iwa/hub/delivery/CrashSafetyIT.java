package nl.iwa.hub.delivery;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.testing.PackagedHub;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testkit.TopicProbe;
import nl.iwa.hub.testkit.ChildProcess;
import org.junit.jupiter.api.Test;

/**
 * The packaged hub, killed with SIGKILL at random moments while partners keep publishing, and restarted: every
 * message is decided once and every accepted one delivered once. Without the transaction per batch (offsets
 * included) and the skip of decided records, a kill between writing a delivery and committing the consumer
 * offset would deliver twice, and one between committing and writing would lose the message.
 */
class CrashSafetyIT {

    /** 50,000 messages, as the issue asks; -Diwa.crash.messages=... to change it. */
    private static final int MESSAGES = Integer.getInteger("iwa.crash.messages", 50_000);
    private static final int KILLS = 3;
    private static final Duration WAIT = Duration.ofMinutes(10);

    @Test
    void killedAndRestartedHubLosesNothingAndDoublesNothing() {
        TestInfrastructure infra = TestInfrastructure.get();
        String prefix = "crash" + UUID.randomUUID().toString().substring(0, 8);
        long start = System.nanoTime();
        int chunk = MESSAGES / (KILLS + 1);
        int kills = 0;
        // the hub first: it creates the topics (the broker creates none on its own) that the probe waits for
        ChildProcess[] hub = {startHub(prefix)};
        try (MixedTraffic traffic = new MixedTraffic(prefix, infra::partnerConnection, infra.adminConnection(), infra.registryUrl());
             TopicProbe<AuditRecord> progress = traffic.auditProbe()) {
            try {
                // publish in chunks; kill the hub at a random point while it works through each, start it again
                for (int k = 1; k <= KILLS; k++) {
                    traffic.send(chunk);
                    long at = traffic.sent() - chunk + ThreadLocalRandom.current().nextInt(1, chunk);
                    await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
                        hub[0].requireAlive();
                        return progress.count() >= at;
                    });
                    hub[0].kill();
                    kills++;
                    hub[0] = startHub(prefix);
                }
                traffic.send(MESSAGES - traffic.sent());

                MixedTraffic.Outcome outcome = traffic.awaitExactlyOnce(WAIT, () -> hub[0].requireAlive());
                System.out.printf("crash safety: %d messages sent, %d kills survived, %d accepted, %d delivered once, "
                                + "%d duplicates, %d lost, %.1f s%n", outcome.sent(), kills, outcome.accepted(),
                        outcome.deliveredOnce(), outcome.duplicates(), outcome.lost(), (System.nanoTime() - start) / 1e9);
            } finally {
                hub[0].stop();
            }
        }
    }

    /**
     * Started and ready: after a restart the hub's schemas are there already, so only readiness shows that the
     * new instance got through its start-up checks (the audit trail's verification among them).
     */
    private static ChildProcess startHub(String prefix) {
        int port = ChildProcess.freePort();
        ChildProcess hub = PackagedHub.start(prefix, TestInfrastructure.get().registryUrl(), port);
        hub.awaitReady(() -> PackagedHub.readiness(port) == 200, Duration.ofMinutes(3));
        return hub;
    }
}
