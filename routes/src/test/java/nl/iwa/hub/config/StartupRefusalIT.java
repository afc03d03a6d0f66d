package nl.iwa.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.iwa.hub.HubApplication;
import nl.iwa.hub.policy.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

/**
 * The hub does not start on a broken policy file, and says which file, flow and field. Command-line
 * arguments, because they outrank application.yaml the way an operator's settings do.
 */
class StartupRefusalIT {

    @TempDir
    Path dir;

    @Test
    void brokenPolicyFileStopsTheHubWithOneClearMessage() throws IOException {
        Path config = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
        Path policies = Files.writeString(dir.resolve("policies.yaml"),
                Files.readString(config.resolve("policies.yaml")).replace("facts.concernCodes]", "facts.concernCodes, facts.medicalDetail]"));

        assertThatThrownBy(() -> startHub(config, policies))
                .satisfies(e -> {
                    Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
                    assertThat(root).isInstanceOf(InvalidConfigurationException.class);
                    assertThat(root.getMessage()).contains(policies.toString(), "policy 'gp-socialteam-psychosocial'",
                            "field 'allowedFields'", "'facts.medicalDetail' is medical data");
                });
    }

    @Test
    void aPolicyLettingSocialTeamDataReachEnforcementStopsTheHub() throws IOException {
        Path config = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
        Path policies = Files.writeString(dir.resolve("policies.yaml"), Files.readString(config.resolve("policies.yaml"))
                .replace("from: {kind: SOCIAL_TEAM}\n    to: {kind: UWV}", "from: {kind: SOCIAL_TEAM}\n    to: {kind: WORK_AND_INCOME}"));
        assertThat(policies).content().contains("to: {kind: WORK_AND_INCOME}\n    messageType: HANDOFF_REQUEST");

        assertThatThrownBy(() -> startHub(config, policies))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                        .contains("policy 'socialteam-uwv-work-reintegration'", "field 'to'",
                                "enforcement partner 'wi-heerlen-enforcement'", "purpose separation"));
    }

    @Test
    void missingPseudonymKeyStopsTheHub() {
        Path config = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));

        assertThatThrownBy(() -> new SpringApplicationBuilder(HubApplication.class)
                .run("--iwa.config.partners=" + config.resolve("partners.yaml"),
                        "--iwa.config.policies=" + config.resolve("policies.yaml"),
                        "--iwa.audit.signing-key-file=" + nl.iwa.hub.testing.HubIntegrationTest.auditSigningKey(),
                        "--iwa.kafka.bootstrap-servers=127.0.0.1:1",
                        "--server.port=0"))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                        .contains("IWA_PSEUDONYM_KEY is not set"));
    }

    @Test
    void aMissingOrUnreadableAuditSigningKeyStopsTheHub() throws IOException {
        Path config = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
        Path notAKey = Files.writeString(dir.resolve("not-a-key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> startHub(config, config.resolve("policies.yaml"), List.of()))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                        .contains("iwa.audit.signing-key-file is not set"));
        assertThatThrownBy(() -> startHub(config, config.resolve("policies.yaml"), List.of("--iwa.audit.signing-key-file=" + notAKey)))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                        .contains("is not a PKCS#8 PEM private key").doesNotContain("AAAA"));
    }

    /** Starts a hub with an unreachable broker: configuration problems must stop it before Kafka matters. */
    private static void startHub(Path config, Path policies) {
        startHub(config, policies, List.of("--iwa.audit.signing-key-file=" + nl.iwa.hub.testing.HubIntegrationTest.auditSigningKey()));
    }

    private static void startHub(Path config, Path policies, List<String> more) {
        List<String> args = new java.util.ArrayList<>(List.of("--iwa.config.partners=" + config.resolve("partners.yaml"),
                "--iwa.config.policies=" + policies,
                "--iwa.pseudonym.key=test-only-pseudonym-key-0123456789abcdef",
                "--iwa.kafka.bootstrap-servers=127.0.0.1:1",
                "--server.port=0"));
        args.addAll(more);
        new SpringApplicationBuilder(HubApplication.class).run(args.toArray(String[]::new));
    }
}
