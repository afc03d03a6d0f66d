package nl.iwa.hub.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.iwa.hub.consent.ConsentRegistry;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.outbox.CoordinationAction;
import nl.iwa.hub.contract.outbox.CoordinationChange;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.handoff.HandoffDesk;
import nl.iwa.hub.handoff.HandoffStore;
import nl.iwa.hub.handoff.WorkingDayCalendar;
import nl.iwa.hub.identity.Pseudonymiser;
import nl.iwa.hub.involvement.InvolvementLedger;
import nl.iwa.hub.involvement.InvolvementNotice;
import nl.iwa.hub.involvement.InvolvingFlow;
import nl.iwa.hub.testkit.messages.OutboxMessages;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One coordinator per resident: who may claim, hand over and release it, and who hears of it. */
class CoordinationChangesTest {

    static final Instant NOW = OutboxDecisionsTest.NOW;
    static final String HOUSING = OutboxDecisionsTest.HOUSING;
    static final String SOCIAL_TEAM = OutboxDecisionsTest.SOCIAL_TEAM;
    static final String UWV = OutboxDecisionsTest.UWV;
    static final String WI_SUPPORT = OutboxDecisionsTest.WI_SUPPORT;
    static final String ENFORCEMENT = OutboxDecisionsTest.ENFORCEMENT;

    final Pseudonymiser pseudonymiser = new Pseudonymiser("a test key of at least thirty-two bytes!".getBytes(StandardCharsets.UTF_8));
    final Subject resident = SyntheticResidents.next();
    final String pseudonym = pseudonymiser.pseudonymOf(resident).orElseThrow();
    final List<InvolvingFlow> flows = new ArrayList<>();
    final Map<String, String> coordinators = new HashMap<>();
    OutboxDecisions decisions;

    @BeforeEach
    void aResidentWithARentArrearsSignalAndABenefitEnding() {
        flows.add(new InvolvingFlow(HOUSING, SOCIAL_TEAM, NOW.minusSeconds(3600), "housing-socialteam-rent-arrears", null, "case-h", "m-h", false));
        flows.add(new InvolvingFlow(UWV, WI_SUPPORT, NOW.minusSeconds(1800), "uwv-wi-benefit-ending", null, "case-u", "m-u", false));
        flows.add(new InvolvingFlow(UWV, ENFORCEMENT, NOW.minusSeconds(900), "uwv-wi-enforcement-benefit-overlap", null, "case-e", "m-e", false));
        InvolvementLedger ledger = new InvolvementLedger() {
            @Override
            public List<InvolvingFlow> about(String p) {
                return p.equals(pseudonym) ? List.copyOf(flows) : List.of();
            }

            @Override
            public boolean handoffOpen(InvolvingFlow flow) {
                return false;
            }

            @Override
            public Optional<String> coordinatorOf(String p) {
                return Optional.ofNullable(coordinators.get(p));
            }
        };
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        HandoffDesk desk = new HandoffDesk(new HandoffStore(), OutboxDecisionsTest.CONFIG.partners(), OutboxDecisionsTest.CONFIG.policies(),
                new WorkingDayCalendar(), clock);
        decisions = new OutboxDecisions(OutboxDecisionsTest.CONFIG.partners(), OutboxDecisionsTest.CONFIG.policies(), new ConsentRegistry(),
                pseudonymiser, desk, consentId -> List.of(), ledger, clock);
    }

    @Test
    void anInvolvedPartnerClaimsAndEveryoneWhoMayKnowOfItHears() {
        Outcome.CoordinatorChanged changed = accepted(decide(SOCIAL_TEAM, CoordinationAction.CLAIMED, null));

        assertThat(changed.previous()).isNull();
        assertThat(changed.next()).isEqualTo(SOCIAL_TEAM);
        assertThat(changed.pseudonym()).isEqualTo(pseudonym);
        assertThat(changed.involvement()).extracting(InvolvementNotice::to)
                .as("housing and W&I support may know of the social team (their flows' policies reveal it); UWV may not, "
                        + "and the enforcement unit never hears")
                .containsExactlyInAnyOrder(SOCIAL_TEAM, HOUSING, WI_SUPPORT);
        assertThat(changed.involvement()).allSatisfy(n -> {
            assertThat(n.change()).isEqualTo(InvolvementNotice.Change.COORDINATOR_CHANGED);
            assertThat(n.coordinatorPartnerId()).isEqualTo(SOCIAL_TEAM);
        });
    }

    @Test
    void aSecondClaimIsRefusedWhileSomeoneCoordinates() {
        coordinators.put(pseudonym, SOCIAL_TEAM);

        assertThat(refused(decide(WI_SUPPORT, CoordinationAction.CLAIMED, null))).contains("hand the coordination over");
    }

    @Test
    void onlyAnInvolvedSupportPartnerMayCoordinate() {
        assertThat(refused(decide("gp-heerlen-centrum", CoordinationAction.CLAIMED, null))).contains("only a partner involved");
        assertThat(refused(decide(ENFORCEMENT, CoordinationAction.CLAIMED, null))).contains("enforcement unit does not coordinate");
    }

    @Test
    void onlyTheCoordinatorHandsOverOrReleasesAndOnlyToAnInvolvedPartner() {
        coordinators.put(pseudonym, SOCIAL_TEAM);

        assertThat(refused(decide(HOUSING, CoordinationAction.HANDED_OVER, WI_SUPPORT))).contains("only the partner that coordinates");
        assertThat(refused(decide(HOUSING, CoordinationAction.RELEASED, null))).contains("only the partner that coordinates");
        assertThat(refused(decide(SOCIAL_TEAM, CoordinationAction.HANDED_OVER, ENFORCEMENT))).contains("enforcement");
        assertThat(refused(decide(SOCIAL_TEAM, CoordinationAction.HANDED_OVER, "gp-heerlen-centrum"))).contains("only a partner involved");

        Outcome.CoordinatorChanged handedOver = accepted(decide(SOCIAL_TEAM, CoordinationAction.HANDED_OVER, WI_SUPPORT));
        assertThat(handedOver.previous()).isEqualTo(SOCIAL_TEAM);
        assertThat(handedOver.next()).isEqualTo(WI_SUPPORT);

        coordinators.put(pseudonym, WI_SUPPORT);
        Outcome.CoordinatorChanged released = accepted(decide(WI_SUPPORT, CoordinationAction.RELEASED, null));
        assertThat(released.next()).isNull();
        assertThat(released.involvement()).allSatisfy(n -> assertThat(n.coordinatorPartnerId()).isNull());
    }

    @Test
    void aHandOverWithoutItsTargetIsInvalid() {
        Outcome outcome = decide(SOCIAL_TEAM, CoordinationAction.HANDED_OVER, null);

        assertThat(outcome).isInstanceOf(Outcome.DeadLettered.class);
        assertThat(((Outcome.DeadLettered) outcome).violation().code()).isEqualTo(ReasonCode.SCHEMA_INVALID);
    }

    private Outcome decide(String owner, CoordinationAction action, String to) {
        CoordinationChange change = CoordinationChange.newBuilder().setAction(action).setSubject(resident)
                .setHandOverToPartnerId(to).setRecordedBy("casemanager-07").build();
        OutboxMessage m = OutboxMessages.envelope(owner, "hub", "SUPPORT_COORDINATION", change)
                .setSchemaVersion(2).setOccurredAt(NOW.minusSeconds(60)).setSentAt(NOW).build();
        return decisions.decide(m, owner);
    }

    private static Outcome.CoordinatorChanged accepted(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.CoordinatorChanged.class);
        return (Outcome.CoordinatorChanged) outcome;
    }

    private static String refused(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        assertThat(((Outcome.Rejected) outcome).violation().code()).isEqualTo(ReasonCode.NOT_AUTHORISED);
        return ((Outcome.Rejected) outcome).violation().reason();
    }
}
