package nl.iwa.hub.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import nl.iwa.hub.contract.common.PartnerKind;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerFunction;
import nl.iwa.hub.policy.DataCategory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Consent evaluation: scope (purpose, recipient, categories), validity and withdrawal. */
class ConsentRegistryTest {

    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant UNTIL = Instant.parse("2026-12-31T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Partner SOCIAL_TEAM = partner("socialteam-heerlen", PartnerKind.SOCIAL_TEAM);
    static final Partner OTHER_TEAM = partner("socialteam-elders", PartnerKind.SOCIAL_TEAM);
    static final Partner UWV = partner("uwv-zuid-limburg", PartnerKind.UWV);
    static final Set<DataCategory> ID_CONTACT = Set.of(DataCategory.IDENTITY, DataCategory.CONTACT);

    static Partner partner(String id, PartnerKind kind) {
        return new Partner(id, kind, id, List.of(), Set.of(PartnerFunction.SUPPORT), "lead", false, null, nl.iwa.hub.partners.KafkaIdentity.SCRAM);
    }

    static Consent consent(Set<String> recipients, Set<PartnerKind> kinds, Instant until, Instant withdrawn) {
        return new Consent("c-1", "gp", "pseudo-1", Set.of("PSYCHOSOCIAL_SUPPORT"), recipients, kinds,
                Set.of(DataCategory.IDENTITY, DataCategory.CONTACT, DataCategory.WELLBEING), FROM, until, withdrawn);
    }

    static Stream<Arguments> cases() {
        Consent byId = consent(Set.of("socialteam-heerlen"), Set.of(), UNTIL, null);
        Consent byKind = consent(Set.of(), Set.of(PartnerKind.SOCIAL_TEAM), null, null);
        return Stream.of(
                Arguments.of("in scope by partner id", byId, SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", ID_CONTACT, NOW, true),
                Arguments.of("in scope by partner kind", byKind, OTHER_TEAM, "PSYCHOSOCIAL_SUPPORT", ID_CONTACT, NOW, true),
                Arguments.of("other partner of the kind, consent names one id", byId, OTHER_TEAM, "PSYCHOSOCIAL_SUPPORT", ID_CONTACT, NOW, false),
                Arguments.of("other kind", byKind, UWV, "PSYCHOSOCIAL_SUPPORT", ID_CONTACT, NOW, false),
                Arguments.of("other purpose", byId, SOCIAL_TEAM, "WORK_REINTEGRATION", ID_CONTACT, NOW, false),
                Arguments.of("category not covered", byId, SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", Set.of(DataCategory.ADDRESS), NOW, false),
                Arguments.of("no categories needed", byId, SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", Set.of(), NOW, true),
                Arguments.of("before validFrom", byId, SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", ID_CONTACT, FROM.minusSeconds(1), false),
                Arguments.of("at validFrom", byId, SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", ID_CONTACT, FROM, true),
                Arguments.of("at validUntil (expired)", byId, SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", ID_CONTACT, UNTIL, false),
                Arguments.of("open-ended, years later", byKind, SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", ID_CONTACT, Instant.parse("2035-01-01T00:00:00Z"), true),
                Arguments.of("withdrawn", consent(Set.of("socialteam-heerlen"), Set.of(), UNTIL, NOW.minusSeconds(60)),
                        SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", ID_CONTACT, NOW, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluatesScopeValidityAndWithdrawal(String name, Consent consent, Partner receiver, String purpose,
                                             Set<DataCategory> needed, Instant at, boolean covered) {
        ConsentRegistry registry = new ConsentRegistry();
        registry.put(consent);

        assertThat(registry.findCovering("pseudo-1", receiver, purpose, needed, at).isPresent()).isEqualTo(covered);
    }

    @Test
    void anotherResidentsConsentNeverCounts() {
        ConsentRegistry registry = new ConsentRegistry();
        registry.put(consent(Set.of("socialteam-heerlen"), Set.of(), UNTIL, null));

        assertThat(registry.findCovering("pseudo-2", SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", ID_CONTACT, NOW)).isEmpty();
    }

    @Test
    void aWithdrawalReplacesTheGrant() {
        ConsentRegistry registry = new ConsentRegistry();
        registry.put(consent(Set.of("socialteam-heerlen"), Set.of(), UNTIL, null));

        registry.put(consent(Set.of("socialteam-heerlen"), Set.of(), UNTIL, NOW));

        assertThat(registry.findCovering("pseudo-1", SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", ID_CONTACT, NOW)).isEmpty();
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void aStagedGrantCountsUntilItsTransactionEndsAndStaysOnlyIfCommitted() {
        ConsentRegistry registry = new ConsentRegistry();
        Consent grant = consent(Set.of("socialteam-heerlen"), Set.of(), UNTIL, null);

        registry.stage(grant);
        assertThat(registry.findCovering("pseudo-1", SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", ID_CONTACT, NOW)).as("same batch").isPresent();
        registry.clearStaged(); // aborted
        assertThat(registry.findCovering("pseudo-1", SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", ID_CONTACT, NOW)).isEmpty();
        assertThat(registry.get("c-1")).isEmpty();

        registry.stage(grant);
        registry.put(grant); // committed
        registry.clearStaged();
        assertThat(registry.findCovering("pseudo-1", SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", ID_CONTACT, NOW)).isPresent();
    }

    @Test
    void aStagedWithdrawalHidesTheCommittedGrantUntilAborted() {
        ConsentRegistry registry = new ConsentRegistry();
        registry.put(consent(Set.of("socialteam-heerlen"), Set.of(), UNTIL, null));

        registry.stage(consent(Set.of("socialteam-heerlen"), Set.of(), UNTIL, NOW));
        assertThat(registry.findCovering("pseudo-1", SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", ID_CONTACT, NOW)).isEmpty();
        registry.clearStaged();
        assertThat(registry.findCovering("pseudo-1", SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", ID_CONTACT, NOW)).isPresent();
    }
}
