package nl.iwa.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.ops.ChildProcess;
import nl.iwa.hub.testing.Bodies;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testing.PartnerClient;
import nl.iwa.hub.testing.Residents;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testing.TopicProbe;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/**
 * The packaged hub, killed with SIGKILL at random moments while partners keep publishing, and restarted:
 * afterwards every message is decided (audited) exactly once and every accepted one is in its receiver's
 * inbox exactly once, counted by message id with read_committed.
 */
class CrashSafetyIT {

    /** 3,000 in the regular suite; -Diwa.crash.messages=50000 for the long run (about 45 decisions/s today). */
    private static final int MESSAGES = Integer.getInteger("iwa.crash.messages", 3_000);
    private static final int KILLS = 3;
    private static final Duration WAIT = Duration.ofMinutes(20);

    @Test
    void killedAndRestartedHubLosesNothingAndDoublesNothing() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        String prefix = "crash" + UUID.randomUUID().toString().substring(0, 8);
        List<OutboxMessage> delivered = new ArrayList<>();
        List<OutboxMessage> all = new ArrayList<>();
        try (PartnerClient housing = new PartnerClient("housing-mijnstreek", prefix, infra.bootstrapServers(), infra.registryUrl());
             PartnerClient uwv = new PartnerClient("uwv-zuid-limburg", prefix, infra.bootstrapServers(), infra.registryUrl())) {
            ChildProcess hub = startHub(prefix);
            long start = System.nanoTime();
            for (int i = 0; i < MESSAGES; i++) {
                int dice = ThreadLocalRandom.current().nextInt(10);
                OutboxMessage m;
                PartnerClient from;
                if (dice < 6) {
                    from = housing;
                    m = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(Residents.next())).build();
                    delivered.add(m);
                } else if (dice < 8) {
                    from = uwv;
                    m = uwv.message("wi-heerlen-support", "INCOME_CONTINUITY", Bodies.rentArrears(Residents.next())).build();
                    delivered.add(m);
                } else if (dice < 9) {
                    from = housing; // blocked: no policy
                    m = housing.message("wi-heerlen-enforcement", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(Residents.next())).build();
                } else {
                    from = uwv; // invalid: rejected and dead-lettered
                    m = uwv.message("uwv-elders", "INCOME_CONTINUITY", Bodies.rentArrears(Residents.next())).build();
                }
                from.sendAsync(m);
                all.add(m);
            }
            housing.flush();
            uwv.flush();

            // kill the hub at random points while it works through the backlog, and start it again each time
            int kills = 0;
            try (TopicProbe<AuditRecord> progress = probe(prefix + ".hub.audit")) {
                for (int k = 1; k <= KILLS; k++) {
                    long at = (long) MESSAGES * k / (KILLS + 1) + ThreadLocalRandom.current().nextInt(Math.max(1, MESSAGES / 20));
                    await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> progress.records().size() >= at);
                    hub.kill();
                    kills++;
                    hub = startHub(prefix);
                }
            }

            // every message decided exactly once ...
            Map<String, OutboxMessage> byId = all.stream().collect(Collectors.toMap(OutboxMessage::getMessageId, Function.identity()));
            try (TopicProbe<AuditRecord> audit = probe(prefix + ".hub.audit");
                 TopicProbe<InboxMessage> social = probe(prefix + ".socialteam-heerlen.inbox");
                 TopicProbe<InboxMessage> wi = probe(prefix + ".wi-heerlen-support.inbox")) {
                await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> audit.records().stream()
                        .map(r -> r.value().getMessageId()).filter(byId::containsKey).distinct().count() == MESSAGES);
                Map<String, Long> audits = count(audit.readToEnd().stream().map(r -> r.value().getMessageId()).filter(byId::containsKey).toList());
                Map<String, Long> deliveries = new HashMap<>(count(social.readToEnd().stream().map(r -> r.value().getCausationId()).toList()));
                count(wi.readToEnd().stream().map(r -> r.value().getCausationId()).toList()).forEach((k, v) -> deliveries.merge(k, v, Long::sum));

                System.out.printf("crash safety: %d messages sent, %d kills, %d delivered expected, %d delivered, %.1f s%n",
                        MESSAGES, kills, delivered.size(), delivered.stream().filter(m -> deliveries.containsKey(m.getMessageId())).count(),
                        (System.nanoTime() - start) / 1e9);
                assertThat(audits.values()).as("audit records per message").allMatch(n -> n == 1);
                assertThat(audits).hasSize(MESSAGES);
                // ... and every accepted one delivered exactly once
                assertThat(delivered).allSatisfy(m -> assertThat(deliveries.get(m.getMessageId())).as(m.getMessageId()).isEqualTo(1L));
            }
            hub.stop();
        }
    }

    private static Map<String, Long> count(List<String> ids) {
        return ids.stream().filter(java.util.Objects::nonNull).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> TopicProbe<T> probe(String topic) {
        TestInfrastructure infra = TestInfrastructure.get();
        return new TopicProbe<>(infra.bootstrapServers(), topic, (Deserializer) PartnerClient.deserializer(infra.registryUrl()));
    }

    /** The packaged jar as its own process, as in production. */
    private static ChildProcess startHub(String prefix) {
        TestInfrastructure infra = TestInfrastructure.get();
        Path jar = Path.of("target", "iwa-hub.jar").toAbsolutePath();
        Path config = Path.of(System.getProperty("iwa.config.dir", "../ops/config")).toAbsolutePath();
        Map<String, String> env = new HashMap<>();
        env.put("IWA_PSEUDONYM_KEY", HubIntegrationTest.TEST_PSEUDONYM_KEY);
        env.put("IWA_CONFIG_DIR", config.toString());
        env.put("IWA_KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers());
        env.put("IWA_REGISTRY_URL", infra.registryUrl());
        env.put("IWA_KAFKA_GROUP_ID", prefix + "-hub");
        env.put("IWA_KAFKA_TRANSACTIONAL_ID", prefix + "-hub");
        env.put("IWA_TOPICS_PREFIX", prefix);
        env.put("IWA_TOPICS_AUDIT", prefix + ".hub.audit");
        env.put("IWA_TOPICS_CONSENT", prefix + ".hub.consent");
        env.put("IWA_TOPICS_HANDOFFS", prefix + ".hub.handoffs");
        env.put("IWA_TOPICS_DEADLETTER", prefix + ".hub.dlq");
        env.put("SERVER_PORT", "0");
        return ChildProcess.start("hub-" + prefix, List.of(ChildProcess.javaExecutable(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString()), env, Path.of("target"), Path.of("target", "test-logs", prefix + "-hub.log"));
    }
}
