package nl.iwa.hub.involvement;

import static org.assertj.core.api.Assertions.assertThat;

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

    static final ReviewedConfigLoader.Loaded CONFIG = nl.iwa.hub.testing.DemoConfiguration.LOADED;

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

                @Override
                public Optional<String> coordinatorOf(String pseudonym) {
                    return Optional.ofNullable(coordinator[0]);
                }
            });
    final String[] coordinator = {null};

    @Test
    void theFirstFlowTellsNobodyWhatTheDeliveryAlreadySays() {
        assertThat(deliver(rentArrears("m-1", T0), T0)).isEmpty();
    }

    @Test
    void aNewcomerChangesTheCircleAndEveryoneInItHearsWhoIsInIt() {
        record(rentArrears("m-1", T0));
        consents.put("c-1", consent("c-1", Set.of(PartnerKind.SOCIAL_TEAM, PartnerKind.GP_PRACTICE, PartnerKind.HOUSING)));

        List<InvolvementNotice> out = deliver(psychosocial("m-2", T0.plus(Duration.ofDays(3)), "c-1"), T0.plus(Duration.ofDays(3)));

        assertThat(noticeTo(out, SOCIAL_TEAM).namedIds()).as("the receiver learns of both partners").containsExactly(GP, HOUSING);
        assertThat(noticeTo(out, SOCIAL_TEAM).partners()).filteredOn(n -> n.partnerId().equals(HOUSING))
                .extracting(InvolvementNotice.Named::since).as("involved since its first flow that counts").containsExactly(T0);
        assertThat(noticeTo(out, HOUSING).namedIds()).as("the partner already involved learns of the flow's parties")
                .containsExactly(GP, SOCIAL_TEAM);
        assertThat(noticeTo(out, HOUSING).correlationIds()).as("the partner's own case, not the newcomer's").containsExactly("case-m-1");
        assertThat(out).as("the housing flow's policy does not reveal its parties to GP practices, so the GP learns only "
                + "of the social team, which its own delivery told it").extracting(InvolvementNotice::to).doesNotContain(GP);
        assertThat(out).allMatch(InvolvementNotice::joined);
    }

    @Test
    void aConsentThatDoesNotNameThePartnerHidesIt() {
        record(rentArrears("m-1", T0));
        consents.put("c-1", consent("c-1", Set.of(PartnerKind.SOCIAL_TEAM)));

        List<InvolvementNotice> out = deliver(psychosocial("m-2", T0.plusSeconds(60), "c-1"), T0.plusSeconds(60));

        assertThat(out).as("the GP is named to nobody").isNotEmpty().noneMatch(n -> n.namedIds().contains(GP));
        assertThat(noticeTo(out, HOUSING).namedIds()).containsExactly(SOCIAL_TEAM);

        consents.put("c-1", consent("c-1", Set.of(PartnerKind.SOCIAL_TEAM, PartnerKind.GP_PRACTICE)));
        List<InvolvementNotice> named = deliver(psychosocial("m-2", T0.plusSeconds(60), "c-1"), T0.plusSeconds(60));
        assertThat(noticeTo(named, SOCIAL_TEAM).namedIds()).as("named by the consent, the GP is told to the social team")
                .containsExactly(GP, HOUSING);
        assertThat(noticeTo(named, HOUSING).namedIds()).as("but not to housing, which the consent does not name")
                .containsExactly(SOCIAL_TEAM);
    }

    @Test
    void anEnforcementUnitNeverAppearsInNorLearnsFromANotice() {
        ledger.add(new InvolvingFlow(UWV, ENFORCEMENT, T0, "uwv-wi-enforcement-benefit-overlap", null, "case-e", "m-e", false));
        record(benefitEnding("m-0", T0));

        List<InvolvementNotice> out = deliver(rentArrears("m-1", T0.plusSeconds(60)), T0.plusSeconds(60));

        assertThat(out).extracting(InvolvementNotice::to).containsExactlyInAnyOrder(SOCIAL_TEAM, WI_SUPPORT);
        assertThat(noticeTo(out, SOCIAL_TEAM).namedIds()).containsExactly(HOUSING, UWV, WI_SUPPORT);
        assertThat(out).flatExtracting(InvolvementNotice::namedIds).doesNotContain(ENFORCEMENT);
        assertThat(noticeTo(out, WI_SUPPORT).namedIds()).as("the housing flow is not revealed to UWV, and enforcement never")
                .containsExactly(HOUSING, SOCIAL_TEAM);
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
        record(benefitEnding("m-1", T0));
        Instant within = T0.plus(Duration.ofDays(89));
        assertThat(deliver(rentArrears("m-2", within), within)).extracting(InvolvementNotice::to).contains(WI_SUPPORT);
        Instant after = T0.plus(Duration.ofDays(91));
        assertThat(deliver(rentArrears("m-2", after), after)).as("past the window: nobody else involved").isEmpty();

        ledger.clear();
        consents.put("c-1", withValidity(consent("c-1", Set.of(PartnerKind.SOCIAL_TEAM, PartnerKind.GP_PRACTICE, PartnerKind.UWV,
                PartnerKind.WORK_AND_INCOME)), T0, after.plus(Duration.ofDays(30))));
        record(psychosocial("m-3", T0, "c-1"));
        openHandoffs.add("m-3");
        List<InvolvementNotice> whileOpen = deliver(benefitEnding("m-4", after), after);
        assertThat(noticeTo(whileOpen, UWV).namedIds()).as("the open handoff keeps GP and social team involved past the window")
                .containsExactly(GP, SOCIAL_TEAM, WI_SUPPORT);

        openHandoffs.clear();
        assertThat(deliver(benefitEnding("m-5", after), after)).as("settled and past the window: no longer involved").isEmpty();
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
    void aNoticeNamesTheCoordinatorOnlyToPartnersThatMayKnowOfIt() {
        record(rentArrears("m-1", T0));
        coordinator[0] = SOCIAL_TEAM;
        consents.put("c-1", consent("c-1", Set.of(PartnerKind.SOCIAL_TEAM, PartnerKind.GP_PRACTICE)));

        List<InvolvementNotice> out = deliver(psychosocial("m-2", T0.plusSeconds(60), "c-1"), T0.plusSeconds(60));

        assertThat(noticeTo(out, HOUSING).coordinatorPartnerId()).isEqualTo(SOCIAL_TEAM);
        assertThat(noticeTo(out, HOUSING).partners()).filteredOn(InvolvementNotice.Named::coordinator)
                .extracting(InvolvementNotice.Named::partnerId).containsExactly(SOCIAL_TEAM);
        assertThat(noticeTo(out, SOCIAL_TEAM).coordinatorPartnerId()).as("the coordinator knows itself").isEqualTo(SOCIAL_TEAM);

        coordinator[0] = HOUSING;
        List<InvolvementNotice> hidden = deliver(psychosocial("m-2", T0.plusSeconds(60), "c-1"), T0.plusSeconds(60));
        assertThat(hidden).as("nobody the GP may not know of is named to it, as coordinator neither")
                .filteredOn(n -> n.to().equals(GP)).allSatisfy(n -> assertThat(n.coordinatorPartnerId()).isNull());
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
