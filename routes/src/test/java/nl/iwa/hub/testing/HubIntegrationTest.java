package nl.iwa.hub.testing;

import java.nio.file.Path;
import java.time.Clock;
import nl.iwa.hub.HubApplication;
import nl.iwa.hub.testkit.partner.PartnerClient;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole hub (Spring Boot + Camel) against the shared real broker and
 * registry. All subclasses share one application context; they keep apart by fresh ids and residents.
 */
@CamelSpringBootTest
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(HubIntegrationTest.TestClockConfiguration.class)
public abstract class HubIntegrationTest {

    @TestConfiguration
    static class TestClockConfiguration {
        @Bean
        @Primary
        Clock testClock() {
            return TestClock.INSTANCE;
        }
    }

    /** A test-only key; the real one comes from the environment. */
    public static final String TEST_PSEUDONYM_KEY = "test-only-pseudonym-key-0123456789abcdef";
    public static final String OPS_PASSWORD = "test-only-ops-password";
    public static final String PRIVACY_OFFICER_PASSWORD = "test-only-privacy-officer-password";
    public static final String STEERING_GROUP_PASSWORD = "test-only-steering-group-password";
    /** The impact topology's state for this test JVM: never one left over from a run against another broker. */
    private static final Path IMPACT_STATE = Path.of("target", "impact-state", java.util.UUID.randomUUID().toString()).toAbsolutePath();

    /** How long the tests' hubs let a status update wait for its handoff to be known. */
    public static final String UPDATE_WAIT = "5s";

    /** The test hubs' audit signing key: a file, as in production. */
    public static Path auditSigningKey() {
        return nl.iwa.hub.testkit.pki.AuditKeyFile.ensure(Path.of("target", "test-audit-signing-key.pem")).toAbsolutePath();
    }

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) {
        TestInfrastructure infra = TestInfrastructure.get();
        Path config = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
        registry.add("iwa.kafka.bootstrap-servers", () -> infra.hubConnection().bootstrapServers());
        registry.add("iwa.kafka.client-config", () -> infra.hubClientConfig().toString());
        registry.add("iwa.registry.url", infra::registryUrl);
        registry.add("iwa.registry.username", () -> infra.registryWriter().username());
        registry.add("iwa.registry.password", () -> infra.registryWriter().password());
        registry.add("iwa.pseudonym.key", () -> TEST_PSEUDONYM_KEY);
        registry.add("iwa.audit.signing-key-file", () -> auditSigningKey().toString());
        registry.add("iwa.config.partners", () -> config.resolve("partners.yaml").toString());
        registry.add("iwa.config.policies", () -> config.resolve("policies.yaml").toString());
        registry.add("iwa.handoffs.check-period-ms", () -> "200");
        // an update about a handoff nobody knows waits this long for it before it is refused (60 s by default)
        registry.add("iwa.intake.update-wait", () -> UPDATE_WAIT);
        registry.add("iwa.monitoring.backlog-period-ms", () -> "300");
        registry.add("iwa.security.ops-password", () -> OPS_PASSWORD);
        registry.add("iwa.security.privacy-officer-password", () -> PRIVACY_OFFICER_PASSWORD);
        registry.add("iwa.security.steering-group-password", () -> STEERING_GROUP_PASSWORD);
        registry.add("iwa.impact.state-dir", IMPACT_STATE::toString);
        // bearer tokens beside the local users, from a provider every hub of this JVM shares
        TestTokenIssuer.register(registry);
    }

    protected static PartnerClient partner(String id) {
        TestInfrastructure infra = TestInfrastructure.get();
        return new PartnerClient(id, infra.partnerConnection(id).properties(), infra.registryUrl());
    }
}
