package nl.iwa.hub.involvement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.iwa.hub.consent.Consent;
import nl.iwa.hub.contract.common.PartnerKind;
import nl.iwa.hub.policy.DataCategory;
import nl.iwa.hub.policy.FlowPolicy;
import nl.iwa.hub.policy.ReviewedConfigLoader;
import org.junit.jupiter.api.Test;

/** Who learns of whom, decided on plain objects with the reviewed configuration of ops/config. */
class InvolvementNoticesTest {

    static final ReviewedConfigLoader.Loaded CONFIG;

    static {
        Path dir = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
        CONFIG = new ReviewedConfigLoader().load(dir.resolve("partners.yaml"), dir.resolve("policies.yaml"));
    }

    static final String HOUSING = "housing-mijnstreek";
    static final String SOCIAL_TEAM = "socialteam-heerlen";
    static final String GP = "gp-heerlen-centrum";
    static final String UWV = "uwv-zuid-limburg";
    static final String WI_SUPPORT = "wi-heerlen-support";
    static final String ENFORCEMENT = "wi-heerlen-enforcement";
    static final String P = "pseudonym-1";
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    final List<InvolvingFlow> ledger = new ArrayList<>();
    final Map<String, Consent> consents = new HashMap<>();
    final Set<String> openHandoffs = new java.util.HashSet<>();
    final InvolvementNotices notices = new InvolvementNotices(CONFIG.partners(), CONFIG.policies(),
            id -> Optional.ofNullable(consents.get(id)), new InvolvementLedger() {
                @Override
                public List<InvolvingFlow> about(String pseudonym) {
                    return P.equals(pseudonym) ? List.copyOf(ledger) : List.of();
                }

                @Override
                public boolean handoffOpen(InvolvingFlow flow) {
                    return openHandoffs.contains(flow.messageId());
                }
            });

    @Test
    void theFirstFlowTellsItsTwoPartiesOfEachOther() {
        List<InvolvementNotice> out = deliver(rentArrears("m-1", T0), T0);

        assertThat(out).extracting(InvolvementNotice::to).containsExactly(HOUSING, SOCIAL_TEAM);
        assertThat(out.get(0).namedIds()).containsExactly(SOCIAL_TEAM);
        assertThat(out.get(1).namedIds()).containsExactly(HOUSING);
        assertThat(out.get(1).correlationIds()).containsExactly("case-m-1");
        assertThat(out).allMatch(InvolvementNotice::joined);
    }

    @Test
    void aNewcomerLearnsWhoIsInvolvedAndTheyLearnOfTheNewcomer() {
        record(rentArrears("m-1", T0));
        consents.put("c-1", consent("c-1", Set.of(PartnerKind.SOCIAL_TEAM, PartnerKind.GP_PRACTICE, PartnerKind.HOUSING)));

        List<InvolvementNotice> out = deliver(psychosocial("m-2", T0.plus(Duration.ofDays(3)), "c-1"), T0.plus(Duration.ofDays(3)));

        assertThat(noticeTo(out, GP).namedIds()).as("the housing flow's policy does not reveal its parties to GP practices")
                .containsExactly(SOCIAL_TEAM);
        assertThat(noticeTo(out, GP).partners()).extracting(InvolvementNotice.Named::since)
                .as("involved since its first flow that counts").containsExactly(T0);
        assertThat(noticeTo(out, HOUSING).namedIds()).containsExactly(GP);
        assertThat(noticeTo(out, SOCIAL_TEAM).namedIds()).containsExactly(GP);
        assertThat(noticeTo(out, HOUSING).correlationIds()).as("the partner's own case, not the newcomer's").containsExactly("case-m-1");
    }

    @Test
    void aConsentThatDoesNotNameThePartnerHidesIt() {
        record(rentArrears("m-1", T0));
        consents.put("c-1", consent("c-1", Set.of(PartnerKind.SOCIAL_TEAM)));

        List<InvolvementNotice> out = deliver(psychosocial("m-2", T0.plusSeconds(60), "c-1"), T0.plusSeconds(60));

        assertThat(out).as("the GP is named to nobody").noneMatch(n -> n.namedIds().contains(GP));
        consents.put("c-1", consent("c-1", Set.of(PartnerKind.SOCIAL_TEAM, PartnerKind.GP_PRACTICE)));
        assertThat(deliver(psychosocial("m-2", T0.plusSeconds(60), "c-1"), T0.plusSeconds(60)))
                .as("named by the consent, the GP is told to the social team (not to housing, which the consent does not name)")
                .anyMatch(n -> n.to().equals(SOCIAL_TEAM) && n.namedIds().equals(List.of(GP)))
                .noneMatch(n -> n.to().equals(HOUSING));
        // the GP still learns of those whose own flows allow it: the social team via the housing flow is not
        // revealed to GP practices (its revealTo), so the GP hears nothing at all
        assertThat(out).extracting(InvolvementNotice::to).doesNotContain(GP);
    }

    @Test
    void anEnforcementUnitNeverAppearsInNorLearnsFromANotice() {
        ledger.add(new InvolvingFlow(UWV, ENFORCEMENT, T0, "uwv-wi-enforcement-benefit-overlap", null, "case-e", "m-e", false));

        List<InvolvementNotice> out = deliver(benefitEnding("m-1", T0.plusSeconds(60)), T0.plusSeconds(60));

        assertThat(out).extracting(InvolvementNotice::to).doesNotContain(ENFORCEMENT);
        assertThat(out).flatExtracting(InvolvementNotice::namedIds).doesNotContain(ENFORCEMENT);
        assertThat(out).as("UWV's enforcement flow made nobody involved, so UWV is a newcomer now: told of W&I support")
                .extracting(InvolvementNotice::to).containsExactlyInAnyOrder(UWV, WI_SUPPORT);
    }

    @Test
    void aPolicyWithoutAnInvolvementSettingGivesNoNotices() {
        FlowPolicy enforcement = CONFIG.policies().byId("uwv-wi-enforcement-benefit-overlap").orElseThrow();
        assertThat(enforcement.involvement()).isNull();
        record(rentArrears("m-1", T0));

        assertThat(notices.onDelivered(P, new InvolvingFlow(UWV, ENFORCEMENT, T0, enforcement.id(), null, "c", "m-2", false),
                enforcement, T0)).isEmpty();
    }

    @Test
    void involvementEndsWhenTheWindowPassesUnlessAHandoffIsOpen() {
        record(rentArrears("m-1", T0));
        Instant later = T0.plus(Duration.ofDays(91));

        List<InvolvementNotice> afterWindow = deliver(benefitEnding("m-2", later), later);
        assertThat(afterWindow).flatExtracting(InvolvementNotice::namedIds).doesNotContain(HOUSING, SOCIAL_TEAM);

        ledger.clear();
        consents.put("c-1", consent("c-1", Set.of(PartnerKind.SOCIAL_TEAM, PartnerKind.GP_PRACTICE, PartnerKind.UWV,
                PartnerKind.WORK_AND_INCOME)));
        consents.put("c-1", withValidity(consents.get("c-1"), T0, later.plus(Duration.ofDays(30))));
        record(psychosocial("m-3", T0, "c-1"));
        openHandoffs.add("m-3");
        Instant evenLater = later.plusSeconds(60);
        List<InvolvementNotice> whileOpen = deliver(benefitEnding("m-4", evenLater), evenLater);
        assertThat(noticeTo(whileOpen, UWV).namedIds()).as("the open handoff keeps GP and social team involved past the window")
                .containsExactly(GP, SOCIAL_TEAM, WI_SUPPORT);

        openHandoffs.clear();
        List<InvolvementNotice> settled = deliver(benefitEnding("m-5", evenLater), evenLater);
        assertThat(noticeTo(settled, UWV).namedIds()).as("settled and past the window: no longer involved").containsExactly(WI_SUPPORT);
    }

    @Test
    void aWithdrawalEndsTheInvolvementItAllowedToBeKnown() {
        record(rentArrears("m-1", T0));
        consents.put("c-1", consent("c-1", Set.of(PartnerKind.SOCIAL_TEAM, PartnerKind.GP_PRACTICE, PartnerKind.HOUSING)));
        record(psychosocial("m-2", T0.plusSeconds(60), "c-1"));

        List<InvolvementNotice> out = notices.onWithdrawn(P, "c-1", T0.plusSeconds(120));

        assertThat(noticeTo(out, HOUSING).joined()).isFalse();
        assertThat(noticeTo(out, HOUSING).namedIds()).containsExactly(GP);
        assertThat(out).as("the social team still knows housing through the housing flow")
                .noneMatch(n -> n.to().equals(SOCIAL_TEAM) && n.namedIds().contains(HOUSING));
        assertThat(notices.onWithdrawn(P, "c-unknown", T0.plusSeconds(120))).isEmpty();
    }

    @Test
    void aFlowBetweenPartnersAlreadyInvolvedTellsNobodyAgain() {
        record(rentArrears("m-1", T0));

        assertThat(deliver(rentArrears("m-2", T0.plusSeconds(60)), T0.plusSeconds(60))).isEmpty();
    }

    private List<InvolvementNotice> deliver(InvolvingFlow flow, Instant now) {
        return notices.onDelivered(P, flow, CONFIG.policies().byId(flow.policyId()).orElseThrow(), now);
    }

    private void record(InvolvingFlow flow) {
        ledger.add(flow);
    }

    private static InvolvementNotice noticeTo(List<InvolvementNotice> out, String partner) {
        return out.stream().filter(n -> n.to().equals(partner)).findFirst()
                .orElseThrow(() -> new AssertionError("no notice to " + partner + " in " + out));
    }

    private static InvolvingFlow rentArrears(String messageId, Instant at) {
        return new InvolvingFlow(HOUSING, SOCIAL_TEAM, at, "housing-socialteam-rent-arrears", null, "case-" + messageId, messageId, false);
    }

    private static InvolvingFlow benefitEnding(String messageId, Instant at) {
        return new InvolvingFlow(UWV, WI_SUPPORT, at, "uwv-wi-benefit-ending", null, "case-" + messageId, messageId, false);
    }

    private static InvolvingFlow psychosocial(String messageId, Instant at, String consentId) {
        return new InvolvingFlow(GP, SOCIAL_TEAM, at, "gp-socialteam-psychosocial", consentId, "case-" + messageId, messageId, true);
    }

    private static Consent consent(String id, Set<PartnerKind> kinds) {
        return new Consent(id, GP, P, Set.of("PSYCHOSOCIAL_SUPPORT"), Set.of(), kinds,
                Set.of(DataCategory.IDENTITY, DataCategory.CONTACT), T0.minusSeconds(3600), null, null);
    }

    private static Consent withValidity(Consent c, Instant from, Instant until) {
        return new Consent(c.consentId(), c.recordedByPartnerId(), c.subjectPseudonym(), c.purposes(), c.recipientPartnerIds(),
                c.recipientKinds(), c.dataCategories(), from, until, null);
    }
}
