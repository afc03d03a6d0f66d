package nl.iwa.hub.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import nl.iwa.hub.partners.Partner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Policy matching over the reviewed demo configuration: deny by default, exact on kind, function, type and purpose. */
class PolicyBookTest {

    static ReviewedConfigLoader.Loaded config;

    @BeforeAll
    static void load() {
        Path dir = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
        config = new ReviewedConfigLoader().load(dir.resolve("partners.yaml"), dir.resolve("policies.yaml"));
    }

    static Stream<Arguments> flows() {
        return Stream.of(
                Arguments.of("housing-mijnstreek", "socialteam-heerlen", MessageType.SIGNAL, "EARLY_DEBT_SIGNALLING", "housing-socialteam-rent-arrears"),
                Arguments.of("uwv-zuid-limburg", "wi-heerlen-support", MessageType.SIGNAL, "INCOME_CONTINUITY", "uwv-wi-benefit-ending"),
                Arguments.of("wi-heerlen-support", "socialteam-heerlen", MessageType.SIGNAL, "SUPPORT_COORDINATION", "wi-socialteam-drop-out"),
                Arguments.of("socialteam-heerlen", "uwv-zuid-limburg", MessageType.HANDOFF_REQUEST, "WORK_REINTEGRATION", "socialteam-uwv-work-reintegration"),
                Arguments.of("gp-heerlen-centrum", "socialteam-heerlen", MessageType.HANDOFF_REQUEST, "PSYCHOSOCIAL_SUPPORT", "gp-socialteam-psychosocial"),
                // the benefit-ending signal goes to the support unit only, never to enforcement
                Arguments.of("uwv-zuid-limburg", "wi-heerlen-enforcement", MessageType.SIGNAL, "INCOME_CONTINUITY", null),
                // the drop-out flow is for the support unit as sender
                Arguments.of("wi-heerlen-enforcement", "socialteam-heerlen", MessageType.SIGNAL, "SUPPORT_COORDINATION", null),
                // wrong message type, wrong purpose, reversed direction
                Arguments.of("housing-mijnstreek", "socialteam-heerlen", MessageType.HANDOFF_REQUEST, "EARLY_DEBT_SIGNALLING", null),
                Arguments.of("housing-mijnstreek", "socialteam-heerlen", MessageType.SIGNAL, "WORK_REINTEGRATION", null),
                Arguments.of("socialteam-heerlen", "housing-mijnstreek", MessageType.SIGNAL, "EARLY_DEBT_SIGNALLING", null),
                Arguments.of("gp-heerlen-centrum", "wi-heerlen-enforcement", MessageType.HANDOFF_REQUEST, "PSYCHOSOCIAL_SUPPORT", null));
    }

    @ParameterizedTest(name = "{0} -> {1} {2} {3}: {4}")
    @MethodSource("flows")
    void findsThePolicyForAFlowOrNone(String from, String to, MessageType type, String purpose, String expectedPolicy) {
        Partner sender = config.partners().find(from).orElseThrow();
        Partner receiver = config.partners().find(to).orElseThrow();

        Optional<FlowPolicy> found = config.policies().find(sender, receiver, type, purpose);

        assertThat(found.map(FlowPolicy::id).orElse(null)).isEqualTo(expectedPolicy);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void noPolicyEverAllowsMedicalData(String from) {
        assertThat(config.policies().all()).allSatisfy(p -> assertThat(p.dataCategories()).doesNotContain(DataCategory.MEDICAL));
    }
}
