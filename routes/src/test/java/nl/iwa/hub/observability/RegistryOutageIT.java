package nl.iwa.hub.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.inbox.Rejection;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.testing.StandaloneHub;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testkit.ChildProcess;
import nl.iwa.hub.testkit.registry.ApicurioRegistry;
import nl.iwa.hub.testkit.registry.RegistryWriter;
import org.junit.jupiter.api.Test;

/**
 * With the schema registry down, intake waits (retrying with back-off) instead of dropping or dead-lettering
 * a valid record, readiness says so, and once the registry is back the record is handled, once.
 */
class RegistryOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void intakePausesWhileTheRegistryIsDownAndResumesWithoutLoss() throws Exception {
        String prefix = "outage" + UUID.randomUUID().toString().substring(0, 8);
        int registryPort = ChildProcess.freePort();
        Path logs = Path.of("target", "test-logs", prefix);
        // a registry that keeps its schemas on disk, like a real one: ids stay valid across its restart; secured
        // like the shared one, and restarted with the same writer account
        Path data = logs.resolve("registry-data");
        RegistryWriter writer = RegistryWriter.generate();
        ApicurioRegistry registry = ApicurioRegistry.startSecured(registryPort, logs, data, writer);
        try (StandaloneHub hub = StandaloneHub.start(prefix, registry.apiUrl(), writer);
             PartnerClient housing = new PartnerClient("housing-mijnstreek", prefix, TestInfrastructure.get().partnerConnection("housing-mijnstreek").properties(), registry.apiUrl())) {
            // Given a hub that has handled one flow (its own caches are warm for what it has seen)
            OutboxMessage first = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(SyntheticResidents.next())).build();
            housing.send(first);
            waiting().until(() -> auditCount(hub) >= 1);
            assertThat(readiness(hub)).isEqualTo(200);

            // When the registry goes down and a record arrives whose answer needs a schema the hub has not used yet
            registry.close();
            OutboxMessage blocked = housing.message("wi-heerlen-enforcement", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(SyntheticResidents.next())).build();
            housing.send(blocked);

            // Then readiness reports it, and the record is not answered while the registry is away: the decide topology
            // pauses after the one stream thread that met the outage, instead of failing a new thread every second or two
            waiting().until(() -> readiness(hub) == 503);
            nl.iwa.hub.transport.RunningTopology decide = hub.bean("decideStreams", nl.iwa.hub.transport.RunningTopology.class);
            waiting().until(decide::pausedForRegistry);
            await().dontCatchUncaughtExceptions().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                    .until(() -> decide.pausedForRegistry() && decide.threadsReplaced() == 1);
            assertThat(auditCount(hub)).isEqualTo(1);

            // And when the registry is back, the record is handled, and answered exactly once
            registry = ApicurioRegistry.startSecured(registryPort, logs, data, writer);
            waiting().until(() -> readiness(hub) == 200);
            waiting().until(() -> housing.inbox().values().stream()
                    .anyMatch(m -> m.getBody() instanceof Rejection r && blocked.getMessageId().equals(r.getRejectedMessageId())));
            await().dontCatchUncaughtExceptions().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> housing.inbox().values().stream()
                    .filter(m -> m.getBody() instanceof Rejection r && blocked.getMessageId().equals(r.getRejectedMessageId())
                            && r.getReasonCode() == ReasonCode.NO_POLICY).count() == 1);
            assertThat(auditCount(hub)).isEqualTo(2);
            assertThat(decide.pausedForRegistry()).isFalse();
            assertThat(decide.threadsReplaced()).as("stream threads replaced through the outage").isEqualTo(1);
        } finally {
            registry.close();
        }
    }

    /**
     * On the decide topology the record that needs the registry fails its stream thread, which is replaced and resumes
     * from the last commit (RunningTopology): that is how decisions pause, so the thread's uncaught exception is
     * expected here, and the test judges by what partners and readiness see.
     */
    private static org.awaitility.core.ConditionFactory waiting() {
        return await().atMost(WAIT).dontCatchUncaughtExceptions();
    }

    private static int auditCount(StandaloneHub hub) {
        return hub.bean(nl.iwa.hub.audit.kafka.AuditIndex.class).find(a -> true).size();
    }

    private static int readiness(StandaloneHub hub) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + hub.port()
                    + "/actuator/health/readiness")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
