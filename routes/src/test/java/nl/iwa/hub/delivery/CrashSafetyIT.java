package nl.iwa.hub.delivery;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
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
 * message is decided once and every accepted one delivered once. Without transactions that commit the offsets read
 * together with what follows from them, a kill between writing a delivery and committing the offset would deliver
 * twice, and one between committing and writing would lose the message. The kill hits the intake topology between
 * reading an outbox record and committing its re-keyed copy, and the decide topology between deciding and committing.
 */
class CrashSafetyIT {

    /** 50,000 messages, as the issue asks; -Diwa.crash.messages=... to change it. */
    private static final int MESSAGES = Integer.getInteger("iwa.crash.messages", 50_000);
    private static final int KILLS = 3;
    private static final Duration WAIT = Duration.ofMinutes(10);

    /** The hub as it starts by default: the decide topology on the re-keyed intake. */
    @Test
    void killedAndRestartedHubLosesNothingAndDoublesNothing() {
        killAndRestart("crash", MESSAGES, KILLS, Map.of());
    }

    /**
     * Two hubs on the decide topology, the second deciding on two stream threads (its tasks seal their chains with the
     * one key at once); -Diwa.crash.two-hub-messages=50000 as the issue asks.
     */
    private static final int TWO_HUB_MESSAGES = Integer.getInteger("iwa.crash.two-hub-messages", 12_000);

    @Test
    void twoHubsOnTheDecideTopologyKilledInTurnLoseNothingAndDoubleNothing() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        String prefix = "crash2h" + UUID.randomUUID().toString().substring(0, 8);
        String officer = UUID.randomUUID().toString();
        java.util.function.IntFunction<Map<String, String>> settings = i -> Map.of(
                "IWA_KAFKA_TRANSACTIONAL_ID", prefix + "-hub-" + i, "IWA_PRIVACY_OFFICER_PASSWORD", officer,
                "IWA_INTAKE_DECIDETHREADS", String.valueOf(i + 1));
        long start = System.nanoTime();
        int killCount = 2;
        int chunk = TWO_HUB_MESSAGES / (killCount + 1);
        Running[] hubs = {start(prefix, settings.apply(0)), start(prefix, settings.apply(1))};
        try (MixedTraffic traffic = new MixedTraffic(prefix, infra::partnerConnection, infra.adminConnection(), infra.registryUrl());
             TopicProbe<AuditRecord> progress = traffic.auditProbe()) {
            try {
                // publish in chunks; kill one of the two at a random point while they work through each, start it again
                for (int k = 1; k <= killCount; k++) {
                    traffic.send(chunk);
                    long at = traffic.sent() - chunk + ThreadLocalRandom.current().nextInt(1, chunk);
                    await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
                        hubs[0].process().requireAlive();
                        hubs[1].process().requireAlive();
                        return progress.count() >= at;
                    });
                    int victim = ThreadLocalRandom.current().nextInt(2);
                    hubs[victim].process().kill();
                    // the survivor takes the victim's partitions, with their state, while it is away
                    hubs[victim] = start(prefix, settings.apply(victim));
                }
                traffic.send(TWO_HUB_MESSAGES - traffic.sent());

                MixedTraffic.Outcome outcome = traffic.awaitExactlyOnce(WAIT, () -> {
                    hubs[0].process().requireAlive();
                    hubs[1].process().requireAlive();
                });
                // Then every chain of the audit trail verifies, its heads sealed by the tasks that wrote them
                java.net.http.HttpResponse<String> verified = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + hubs[0].port() + "/api/privacy/audit/verify"))
                                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                        ("privacy-officer:" + officer).getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                org.assertj.core.api.Assertions.assertThat(verified.statusCode()).isEqualTo(200);
                org.assertj.core.api.Assertions.assertThat(verified.body()).contains("\"problems\":[]").contains("\"headSealed\":true");
                System.out.printf("crash2h: %d messages sent, %d kills of one of two hubs survived, %d accepted, %d delivered once, "
                                + "%d duplicates, %d lost, %.1f s%n", outcome.sent(), killCount, outcome.accepted(),
                        outcome.deliveredOnce(), outcome.duplicates(), outcome.lost(), (System.nanoTime() - start) / 1e9);
            } finally {
                hubs[0].process().stop();
                hubs[1].process().stop();
            }
        }
    }

    private record Running(ChildProcess process, int port) {
    }

    private static Running start(String prefix, Map<String, String> settings) {
        int port = ChildProcess.freePort();
        ChildProcess hub = PackagedHub.start(prefix, TestInfrastructure.get().registryUrl(), port, settings);
        hub.awaitReady(() -> PackagedHub.readiness(port) == 200, Duration.ofMinutes(3));
        return new Running(hub, port);
    }

    private static void killAndRestart(String stem, int messages, int killCount, Map<String, String> settings) {
        TestInfrastructure infra = TestInfrastructure.get();
        String prefix = stem + UUID.randomUUID().toString().substring(0, 8);
        long start = System.nanoTime();
        int chunk = messages / (killCount + 1);
        int kills = 0;
        // the hub first: it creates the topics (the broker creates none on its own) that the probe waits for
        ChildProcess[] hub = {startHub(prefix, settings)};
        try (MixedTraffic traffic = new MixedTraffic(prefix, infra::partnerConnection, infra.adminConnection(), infra.registryUrl());
             TopicProbe<AuditRecord> progress = traffic.auditProbe()) {
            try {
                // publish in chunks; kill the hub at a random point while it works through each, start it again
                for (int k = 1; k <= killCount; k++) {
                    traffic.send(chunk);
                    long at = traffic.sent() - chunk + ThreadLocalRandom.current().nextInt(1, chunk);
                    await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
                        hub[0].requireAlive();
                        return progress.count() >= at;
                    });
                    hub[0].kill();
                    kills++;
                    hub[0] = startHub(prefix, settings);
                }
                traffic.send(messages - traffic.sent());

                MixedTraffic.Outcome outcome = traffic.awaitExactlyOnce(WAIT, () -> hub[0].requireAlive());
                System.out.printf(stem + ": %d messages sent, %d kills survived, %d accepted, %d delivered once, "
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
    private static ChildProcess startHub(String prefix, Map<String, String> settings) {
        return start(prefix, settings).process();
    }
}
