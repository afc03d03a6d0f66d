package nl.iwa.hub.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A broken configuration file stops the hub with a message naming file, entry and field. */
class ReviewedConfigLoaderTest {

    private static final String PARTNERS = """
            partners:
              - {id: socialteam-a, kind: SOCIAL_TEAM, functions: [SUPPORT], escalationContact: lead}
              - {id: housing-a, kind: HOUSING, functions: [SUPPORT], escalationContact: lead}
              - {id: wi-enforce, kind: WORK_AND_INCOME, functions: [ENFORCEMENT], escalationContact: lead}
            """;

    private static final String GOOD_POLICY = """
            policies:
              - id: ok-flow
                from: {kind: HOUSING}
                to: {kind: SOCIAL_TEAM}
                messageType: SIGNAL
                purpose: EARLY_DEBT_SIGNALLING
                legalBasis: LEGAL_DUTY
                citation: Wgs art. 3a
                retentionDays: 365
                allowedFields: [subject.bsn, facts.arrearsMonths]
            """;

    @TempDir
    Path dir;

    @Test
    void theDemoConfigurationIsValid() {
        Path config = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));

        var loaded = new ReviewedConfigLoader().load(config.resolve("partners.yaml"), config.resolve("policies.yaml"));

        assertThat(loaded.partners().all()).hasSize(6);
        assertThat(loaded.policies().all()).hasSize(6);
        assertThat(loaded.policies().all()).filteredOn(p -> p.involvement() != null).hasSize(5);
    }

    @Test
    void aValidFileLoads() throws IOException {
        var loaded = load(PARTNERS, GOOD_POLICY);

        FlowPolicy policy = loaded.policies().all().get(0);
        assertThat(policy.allowedFields()).containsExactlyInAnyOrder("subject.bsn", "facts.arrearsMonths");
        assertThat(policy.deadlines()).isEqualTo(Deadlines.DEFAULT);
        assertThat(policy.dataCategories()).containsExactlyInAnyOrder(DataCategory.IDENTITY, DataCategory.FINANCIAL);
    }

    static Stream<Arguments> brokenPolicies() {
        return Stream.of(
                Arguments.of("allowedFields: [subject.bsn, facts.arrearsMonths]", "allowedFields: [subject.bsn, facts.arrears]",
                        "policy 'ok-flow', field 'allowedFields': unknown field 'facts.arrears'"),
                Arguments.of("allowedFields: [subject.bsn, facts.arrearsMonths]", "allowedFields: [subject.bsn, facts.medicalDetail]",
                        "policy 'ok-flow', field 'allowedFields': 'facts.medicalDetail' is medical data"),
                Arguments.of("    citation: Wgs art. 3a\n", "",
                        "policy 'ok-flow', field 'citation': required when legalBasis is LEGAL_DUTY"),
                Arguments.of("legalBasis: LEGAL_DUTY", "legalBasis: BECAUSE_WE_CAN",
                        "at 'policies[0].legalBasis'"),
                Arguments.of("from: {kind: HOUSING}", "from: {kind: SOCIAL_TEAM}\n    to2: x",
                        "Unrecognized field \"to2\""),
                Arguments.of("to: {kind: SOCIAL_TEAM}", "to: {kind: WORK_AND_INCOME}\n    from_: x",
                        "Unrecognized field"),
                Arguments.of("retentionDays: 365", "retentionDays: 0",
                        "policy 'ok-flow', field 'retentionDays'"),
                Arguments.of("purpose: EARLY_DEBT_SIGNALLING", "purpose: early debt",
                        "policy 'ok-flow', field 'purpose'"),
                Arguments.of("retentionDays: 365", "retentionDays: 365\n    retentionDays: 3650",
                        "Duplicate field 'retentionDays'"),
                Arguments.of("retentionDays: 365", "retentionDays: 365\n    involvement: {legalBasis: PUBLIC_TASK, purpose: SUPPORT_COORDINATION, revealTo: [SOCIAL_TEAM]}",
                        "policy 'ok-flow', field 'involvement.citation': required unless the basis is CONSENT"),
                Arguments.of("retentionDays: 365", "retentionDays: 365\n    involvement: {legalBasis: CONSENT, purpose: SUPPORT_COORDINATION, revealTo: []}",
                        "policy 'ok-flow', field 'involvement.revealTo': required"),
                Arguments.of("retentionDays: 365", "retentionDays: 365\n    involvement: {legalBasis: CONSENT, purpose: SUPPORT_COORDINATION, revealTo: [HOUSING], windowDays: 0}",
                        "policy 'ok-flow', field 'involvement.windowDays': must be between 1 and 730 days"),
                Arguments.of("retentionDays: 365", "retentionDays: 365\n    involvement: {legalBasis: CONSENT, purpose: SUPPORT_COORDINATION, revealTo: [HOUSING], leakTo: [X]}",
                        "Unrecognized field \"leakTo\""));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("brokenPolicies")
    void brokenPolicyFileIsRefusedWithFileFlowAndField(String replace, String with, String expected) throws IOException {
        String broken = GOOD_POLICY.replace(replace, with);

        assertThatThrownBy(() -> load(PARTNERS, broken))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("policies.yaml")
                .hasMessageContaining(expected);
    }

    @Test
    void involvementOnAFlowThatCanReachAnEnforcementUnitIsRefused() {
        String policy = GOOD_POLICY.replace("from: {kind: HOUSING}", "from: {kind: HOUSING}")
                .replace("to: {kind: SOCIAL_TEAM}", "to: {kind: WORK_AND_INCOME}")
                .replace("retentionDays: 365", "retentionDays: 365\n    involvement: {legalBasis: CONSENT, purpose: SUPPORT_COORDINATION, revealTo: [HOUSING]}");

        assertThatThrownBy(() -> load(PARTNERS, policy))
                .hasMessageContaining("policy 'ok-flow', field 'involvement': the flow can involve enforcement partner 'wi-enforce'");
    }

    @Test
    void socialTeamDataToAnyEnforcementUnitIsRefused() {
        String policy = GOOD_POLICY.replace("from: {kind: HOUSING}", "from: {kind: SOCIAL_TEAM}")
                .replace("to: {kind: SOCIAL_TEAM}", "to: {kind: WORK_AND_INCOME}");

        assertThatThrownBy(() -> load(PARTNERS, policy))
                .hasMessageContaining("policy 'ok-flow', field 'to': would let SOCIAL_TEAM data reach enforcement partner 'wi-enforce'");
    }

    @Test
    void brokenPartnerFileNamesThePartnerAndField() {
        String partners = PARTNERS.replace("{id: housing-a, kind: HOUSING, functions: [SUPPORT], escalationContact: lead}",
                "{id: Housing_A, kind: HOUSING, functions: [], escalationContact: lead}");

        assertThatThrownBy(() -> load(partners, GOOD_POLICY))
                .hasMessageContaining("partners.yaml: partner 'Housing_A', field 'id'")
                .hasMessageContaining("partners.yaml: partner 'Housing_A', field 'functions'");
    }

    @Test
    void partnersOfOneOrganisationMustEachNameTheirCertificate() {
        String partners = PARTNERS
                .replace("escalationContact: lead}\n  - {id: housing-a", "escalationContact: lead, kafka: {authentication: MTLS, oin: '99999999000000917000'}}\n  - {id: housing-a")
                .replace("{id: wi-enforce, kind: WORK_AND_INCOME, functions: [ENFORCEMENT], escalationContact: lead}",
                        "{id: wi-enforce, kind: WORK_AND_INCOME, functions: [ENFORCEMENT], escalationContact: lead, kafka: {authentication: MTLS, oin: '99999999000000917000', commonName: iwa-enforce}}");

        assertThatThrownBy(() -> load(partners, GOOD_POLICY))
                .hasMessageContaining("partner 'socialteam-a', field 'kafka.commonName': partners [socialteam-a, wi-enforce] share one OIN");
    }

    @Test
    void aCertificateIdentityNeedsAnOinAndScramNeedsNone() {
        String partners = PARTNERS
                .replace("{id: housing-a, kind: HOUSING, functions: [SUPPORT], escalationContact: lead}",
                        "{id: housing-a, kind: HOUSING, functions: [SUPPORT], escalationContact: lead, kafka: {authentication: MTLS, oin: '123'}}")
                .replace("{id: wi-enforce, kind: WORK_AND_INCOME, functions: [ENFORCEMENT], escalationContact: lead}",
                        "{id: hub, kind: WORK_AND_INCOME, functions: [ENFORCEMENT], escalationContact: lead, kafka: {authentication: SCRAM, commonName: x}}");

        assertThatThrownBy(() -> load(partners, GOOD_POLICY))
                .hasMessageContaining("partner 'housing-a', field 'kafka.oin': required for MTLS, the 20-digit OIN")
                .hasMessageContaining("partner 'hub', field 'id': 'hub' is reserved")
                .hasMessageContaining("partner 'hub', field 'kafka': 'oin' and 'commonName' describe a certificate");
    }

    @Test
    void aRestCertificateOinIsTwentyDigitsAndNamesOnePartner() {
        String partners = PARTNERS
                .replace("{id: socialteam-a, kind: SOCIAL_TEAM, functions: [SUPPORT], escalationContact: lead}",
                        "{id: socialteam-a, kind: SOCIAL_TEAM, functions: [SUPPORT], escalationContact: lead, connectors: {rest: {certificateOin: '99999999000000000555'}}}")
                .replace("{id: housing-a, kind: HOUSING, functions: [SUPPORT], escalationContact: lead}",
                        "{id: housing-a, kind: HOUSING, functions: [SUPPORT], escalationContact: lead, connectors: {rest: {certificateOin: '99999999000000000555'}}}")
                .replace("{id: wi-enforce, kind: WORK_AND_INCOME, functions: [ENFORCEMENT], escalationContact: lead}",
                        "{id: wi-enforce, kind: WORK_AND_INCOME, functions: [ENFORCEMENT], escalationContact: lead, connectors: {rest: {certificateOin: '9999'}}}");

        assertThatThrownBy(() -> load(partners, GOOD_POLICY))
                .hasMessageContaining("partners [socialteam-a, housing-a], field 'connectors.rest.certificateOin': one OIN names one partner")
                .hasMessageContaining("partner 'wi-enforce', field 'connectors.rest.certificateOin': an OIN is 20 digits");
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> new ReviewedConfigLoader().load(dir.resolve("nope.yaml"), dir.resolve("policies.yaml")))
                .hasMessageContaining("nope.yaml: file not found");
    }

    private ReviewedConfigLoader.Loaded load(String partners, String policies) throws IOException {
        Path pa = Files.writeString(dir.resolve("partners.yaml"), partners);
        Path po = Files.writeString(dir.resolve("policies.yaml"), policies);
        return new ReviewedConfigLoader().load(pa, po);
    }
}
