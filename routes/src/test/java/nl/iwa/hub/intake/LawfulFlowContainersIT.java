package nl.iwa.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import nl.iwa.hub.HubApplication;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.inbox.SignalDelivery;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.transport.KafkaConnection;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Flow (a) against containerised Kafka and Apicurio, for machines with Docker. Skipped where there is no
 * Docker engine (as on our CI machines, which run the same flow against in-process and child-JVM servers).
 */
@Testcontainers(disabledWithoutDocker = true)
@CamelSpringBootTest
@SpringBootTest(classes = HubApplication.class)
class LawfulFlowContainersIT {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:3.9.1");

    @Container
    static final GenericContainer<?> REGISTRY = new GenericContainer<>("apicurio/apicurio-registry:3.0.9")
            .withExposedPorts(8080)
            .waitingFor(Wait.forHttp("/health/ready").forStatusCode(200));

    static String registryUrl() {
        return "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8080) + "/apis/registry/v3";
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        registry.add("iwa.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
        registry.add("iwa.registry.url", LawfulFlowContainersIT::registryUrl);
        registry.add("iwa.pseudonym.key", () -> HubIntegrationTest.TEST_PSEUDONYM_KEY);
        registry.add("iwa.audit.signing-key-file", () -> HubIntegrationTest.auditSigningKey().toString());
        registry.add("iwa.config.partners", () -> System.getProperty("iwa.config.dir", "../ops/config") + "/partners.yaml");
        registry.add("iwa.config.policies", () -> System.getProperty("iwa.config.dir", "../ops/config") + "/policies.yaml");
        registry.add("server.port", () -> "0");
        // the container broker is an open one: this test is about the flow, AccessControlIT about the trust boundary
        registry.add("iwa.kafka.allow-plaintext", () -> "true");
    }

    @Test
    void rentArrearsSignalReachesTheSocialTeamWithExactlyTheAllowedFields() {
        try (PartnerClient housing = new PartnerClient("housing-mijnstreek", KafkaConnection.plaintext(KAFKA.getBootstrapServers()).properties(), registryUrl());
             PartnerClient socialTeam = new PartnerClient("socialteam-heerlen", KafkaConnection.plaintext(KAFKA.getBootstrapServers()).properties(), registryUrl())) {
            Subject resident = SyntheticResidents.next();
            OutboxMessage signal = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(resident)).build();

            housing.send(signal);

            List<InboxMessage> delivered = await().atMost(Duration.ofSeconds(90))
                    .until(() -> socialTeam.inboxFor(signal.getCorrelationId()), l -> !l.isEmpty());
            SignalDelivery body = (SignalDelivery) delivered.get(0).getBody();
            assertThat(body.getSubject()).isEqualTo(resident);
            assertThat(body.getFacts().getArrearsMonths()).isEqualTo(2);
            assertThat(body.getFacts().getFreeText()).isNull();
            assertThat(body.getFacts().getMedicalDetail()).isNull();
            assertThat(body.getFacts().getBenefitType()).isNull();
        }
    }
}
