package nl.iwa.hub.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.policy.ReviewedConfigLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may record and withdraw consent, over the reviewed demo policies. */
class ConsentAuthorityTest {

    private static final ReviewedConfigLoader.Loaded CONFIG = load();
    private static final ConsentAuthority AUTHORITY = new ConsentAuthority(CONFIG.policies());

    private static ReviewedConfigLoader.Loaded load() {
        Path dir = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
        return new ReviewedConfigLoader().load(dir.resolve("partners.yaml"), dir.resolve("policies.yaml"));
    }

    private static Partner partner(String id) {
        PartnerDirectory partners = CONFIG.partners();
        return partners.find(id).orElseThrow();
    }

    @ParameterizedTest(name = "{0} records consent for {1}: {2}")
    @CsvSource({
            "gp-heerlen-centrum,     PSYCHOSOCIAL_SUPPORT,      true",
            "socialteam-heerlen,     WORK_REINTEGRATION,        true",
            "wi-heerlen-support,     SUPPORT_COORDINATION,      true",
            // not a sender of the flow it would unblock
            "housing-mijnstreek,     PSYCHOSOCIAL_SUPPORT,      false",
            "socialteam-heerlen,     PSYCHOSOCIAL_SUPPORT,      false",
            "wi-heerlen-enforcement, SUPPORT_COORDINATION,      false",
            // a purpose whose flows rest on a legal duty needs no consent, so nobody records one for it
            "housing-mijnstreek,     EARLY_DEBT_SIGNALLING,     false",
            "gp-heerlen-centrum,     NO_SUCH_PURPOSE,           false"})
    void onlyTheSenderOfAConsentBasedFlowMayRecordConsentForIt(String recorder, String purpose, boolean allowed) {
        Optional<String> refusal = AUTHORITY.refuseGrant(partner(recorder), List.of(purpose), "form-2026-0042");

        assertThat(refusal.isEmpty()).as(refusal.orElse("allowed")).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no purposes                    | ''                                          | form-1 | must name the purposes",
            "one purpose it may not record  | PSYCHOSOCIAL_SUPPORT,WORK_REINTEGRATION     | form-1 | purpose WORK_REINTEGRATION",
            "no evidence                    | PSYCHOSOCIAL_SUPPORT                        | ''     | evidenceReference",
            "blank evidence                 | PSYCHOSOCIAL_SUPPORT                        | '  '   | evidenceReference"})
    void aGrantIsRefusedWithAReason(String what, String purposes, String evidence, String reason) {
        List<String> list = purposes.isEmpty() ? List.of() : List.of(purposes.split(","));

        assertThat(AUTHORITY.refuseGrant(partner("gp-heerlen-centrum"), list, evidence)).get().asString().contains(reason);
    }

    @ParameterizedTest(name = "{0} withdraws the GP's consent: {1}")
    @CsvSource({
            "gp-heerlen-centrum, true",
            "housing-mijnstreek, false",
            "uwv-zuid-limburg,   false"})
    void theRecorderOrOneThatMayRecordItWithdraws(String withdrawer, boolean allowed) {
        Consent gpConsent = new Consent("c-1", "gp-heerlen-centrum", "pseudonym", Set.of("PSYCHOSOCIAL_SUPPORT"),
                Set.of("socialteam-heerlen"), Set.of(), Set.of(), Instant.EPOCH, null, null);

        assertThat(AUTHORITY.refuseWithdrawal(partner(withdrawer), Optional.of(gpConsent)).isEmpty()).isEqualTo(allowed);
    }
}
