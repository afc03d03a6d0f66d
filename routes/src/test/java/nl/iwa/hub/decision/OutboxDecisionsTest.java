package nl.iwa.hub.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.iwa.hub.consent.ConsentRegistry;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.outbox.ConsentAction;
import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.handoff.HandoffDesk;
import nl.iwa.hub.handoff.HandoffStore;
import nl.iwa.hub.handoff.WorkingDayCalendar;
import nl.iwa.hub.identity.Pseudonymiser;
import nl.iwa.hub.policy.ReviewedConfigLoader;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.messages.OutboxMessages;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The decision core with plain objects: the reviewed partners and policies of ops/config, empty consent and
 * handoff state, a fixed clock. No broker, no registry. Each gate in the order it runs (validation, purpose
 * separation, policy, minimise, consent coverage), the consent changes and the handoff updates, and every
 * kind of {@link Outcome}.
 */
class OutboxDecisionsTest {

    static final Instant NOW = Instant.now();
    static final ReviewedConfigLoader.Loaded CONFIG = nl.iwa.hub.testing.DemoConfiguration.LOADED;

    static final String HOUSING = "housing-mijnstreek";
    static final String SOCIAL_TEAM = "socialteam-heerlen";
    static final String ENFORCEMENT = "wi-heerlen-enforcement";
    static final String WI_SUPPORT = "wi-heerlen-support";
    static final String UWV = "uwv-zuid-limburg";
    static final String WORK_REINTEGRATION = "WORK_REINTEGRATION";

    final Pseudonymiser pseudonymiser = new Pseudonymiser("a test key of at least thirty-two bytes!".getBytes(StandardCharsets.UTF_8));
    final List<PastDeliveries.Delivery> pastDeliveries = new ArrayList<>();
    ConsentRegistry consents;
    HandoffStore handoffs;
    OutboxDecisions decisions;

    @BeforeEach
    void emptyState() {
        consents = new ConsentRegistry();
        handoffs = new HandoffStore();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        HandoffDesk desk = new HandoffDesk(handoffs, CONFIG.partners(), CONFIG.policies(), new WorkingDayCalendar(), clock);
        decisions = new OutboxDecisions(CONFIG.partners(), CONFIG.policies(), consents, pseudonymiser, desk,
                consentId -> List.copyOf(pastDeliveries), clock);
    }

    static OutboxMessage message(String sender, String receiver, String purpose, Object body) {
        return OutboxMessages.envelope(sender, receiver, purpose, body).setOccurredAt(NOW.minusSeconds(60)).setSentAt(NOW).build();
    }

    /** The consent decision on {@code change}, recorded as the writer would once written. */
    Outcome.ConsentRecorded recorded(String recorder, ConsentChange change) {
        Outcome outcome = decisions.decide(message(recorder, "hub", WORK_REINTEGRATION, change), recorder);
        assertThat(outcome).isInstanceOf(Outcome.ConsentRecorded.class);
        Outcome.ConsentRecorded recorded = (Outcome.ConsentRecorded) outcome;
        consents.put(recorded.consent());
        return recorded;
    }

    static ConsentChange workReintegrationConsent(Subject resident, String... categories) {
        return Bodies.grant(UUID.randomUUID().toString(), resident, WORK_REINTEGRATION, UWV, categories);
    }

    static ConsentChange withdrawal(ConsentChange granted) {
        return ConsentChange.newBuilder(granted).setAction(ConsentAction.WITHDRAWN).build();
    }

    @Nested
    class TheGatesInOrder {

        @Test
        void anInvalidMessageIsDeadLetteredBeforeAnyGate() {
            // a confidential source to enforcement, but the message names another sender than its outbox's owner
            OutboxMessage m = message(SOCIAL_TEAM, ENFORCEMENT, "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(SyntheticResidents.next()));

            Outcome outcome = decisions.decide(m, HOUSING);

            assertThat(outcome).isEqualTo(new Outcome.DeadLettered(m, ((Outcome.DeadLettered) outcome).violation(),
                    OutboxDecisions.VALIDATION_FAILED, true));
            assertThat(((Outcome.DeadLettered) outcome).violation().code()).isEqualTo(ReasonCode.SENDER_MISMATCH);
        }

        @Test
        void confidentialDataNeverReachesEnforcementWhateverThePolicies() {
            OutboxMessage m = message(SOCIAL_TEAM, ENFORCEMENT, "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(SyntheticResidents.next()));

            Outcome outcome = decisions.decide(m, SOCIAL_TEAM);

            assertThat(outcome).isInstanceOfSatisfying(Outcome.Blocked.class, b -> {
                assertThat(b.violation().code()).isEqualTo(ReasonCode.PURPOSE_SEPARATION);
                assertThat(b.policy()).isNull();
                assertThat(b.pseudonym()).isNotBlank();
            });
        }

        @Test
        void aFlowNoPolicyAllowsIsBlocked() {
            OutboxMessage m = message(HOUSING, UWV, "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(SyntheticResidents.next()));

            Outcome outcome = decisions.decide(m, HOUSING);

            assertThat(outcome).isInstanceOfSatisfying(Outcome.Blocked.class, b -> {
                assertThat(b.violation().code()).isEqualTo(ReasonCode.NO_POLICY);
                assertThat(b.violation().reason()).isEqualTo("no policy allows SIGNAL from HOUSING to UWV for purpose EARLY_DEBT_SIGNALLING");
                assertThat(b.policy()).isNull();
            });
        }

        @Test
        void aFlowOnALegalDutyIsDeliveredMinimisedWithoutConsent() {
            Subject resident = SyntheticResidents.next();
            OutboxMessage m = message(HOUSING, SOCIAL_TEAM, "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(resident));

            Outcome outcome = decisions.decide(m, HOUSING);

            assertThat(outcome).isInstanceOfSatisfying(Outcome.Delivered.class, d -> {
                assertThat(d.sender().id()).isEqualTo(HOUSING);
                assertThat(d.receiver().id()).isEqualTo(SOCIAL_TEAM);
                assertThat(d.policy().id()).isEqualTo("housing-socialteam-rent-arrears");
                assertThat(d.pseudonym()).isEqualTo(pseudonymiser.pseudonymOf(resident).orElseThrow());
                assertThat(d.consentReference()).isNull();
                assertThat(d.handoff()).isNull();
                assertThat(d.content().fieldsDelivered()).contains("subject.bsn").doesNotContain("facts.freeText", "facts.medicalDetail");
                assertThat(d.content().fieldsRemoved()).contains("facts.freeText", "facts.medicalDetail");
                assertThat(d.content().facts().getFreeText()).isNull();
            });
        }

        @Test
        void aConsentBasedFlowWithoutConsentIsBlockedNamingItsPolicy() {
            OutboxMessage m = message(WI_SUPPORT, SOCIAL_TEAM, "SUPPORT_COORDINATION", Bodies.dropOut(SyntheticResidents.next()));

            Outcome outcome = decisions.decide(m, WI_SUPPORT);

            assertThat(outcome).isInstanceOfSatisfying(Outcome.Blocked.class, b -> {
                assertThat(b.violation().code()).isEqualTo(ReasonCode.NO_CONSENT);
                assertThat(b.policy().id()).isEqualTo("wi-socialteam-drop-out");
            });
        }

        @Test
        void theConsentGateChecksTheCategoriesLeftAfterMinimising() {
            // the policy passes on identity, contact, income, participation and free text: a consent for
            // identity only covers less than what minimising leaves, so it does not cover the flow
            Subject resident = SyntheticResidents.next();
            recorded(SOCIAL_TEAM, workReintegrationConsent(resident, "IDENTITY"));
            OutboxMessage m = message(SOCIAL_TEAM, UWV, WORK_REINTEGRATION, Bodies.workReintegration(resident));

            Outcome outcome = decisions.decide(m, SOCIAL_TEAM);

            assertThat(outcome).isInstanceOfSatisfying(Outcome.Blocked.class, b -> {
                assertThat(b.violation().code()).isEqualTo(ReasonCode.NO_CONSENT);
                assertThat(b.violation().reason()).contains("data categories");
            });
        }

        @Test
        void aHandoffRequestUnderConsentIsDeliveredAndStartsAtRequested() {
            Subject resident = SyntheticResidents.next();
            ConsentChange consent = workReintegrationConsent(resident, "IDENTITY", "CONTACT", "INCOME", "PARTICIPATION", "FREE_TEXT");
            recorded(SOCIAL_TEAM, consent);
            HandoffRequest request = Bodies.workReintegration(resident);
            OutboxMessage m = message(SOCIAL_TEAM, UWV, WORK_REINTEGRATION, request);

            Outcome outcome = decisions.decide(m, SOCIAL_TEAM);

            assertThat(outcome).isInstanceOfSatisfying(Outcome.Delivered.class, d -> {
                assertThat(d.consentReference()).isEqualTo(consent.getConsentId());
                assertThat(d.handoff().getHandoffId()).isEqualTo(request.getHandoffId());
                assertThat(d.handoff().getStatus()).isEqualTo(HandoffStatus.REQUESTED);
                assertThat(d.handoff().getRequestMessageId()).isEqualTo(m.getMessageId());
                assertThat(d.handoff().getPolicyId()).isEqualTo("socialteam-uwv-work-reintegration");
                assertThat(d.handoff().getDueAt()).isAfter(NOW);
            });
        }
    }

    @Nested
    class HandoffRequests {

        OutboxMessage requested;

        @BeforeEach
        void aHandoffIsRequested() {
            Subject resident = SyntheticResidents.next();
            recorded(SOCIAL_TEAM, workReintegrationConsent(resident, "IDENTITY", "CONTACT", "INCOME", "PARTICIPATION", "FREE_TEXT"));
            requested = message(SOCIAL_TEAM, UWV, WORK_REINTEGRATION, Bodies.workReintegration(resident));
            handoffs.put(((Outcome.Delivered) decisions.decide(requested, SOCIAL_TEAM)).handoff());
        }

        @Test
        void theSameRequestReadAgainIsSkipped() {
            Outcome outcome = decisions.decide(requested, SOCIAL_TEAM);

            assertThat(outcome).isEqualTo(new Outcome.SkippedReplay(requested, handoffId()));
        }

        @Test
        void anotherRequestWithTheSameHandoffIdIsDeadLettered() {
            OutboxMessage again = OutboxMessage.newBuilder(requested).setMessageId(UUID.randomUUID().toString()).build();

            Outcome outcome = decisions.decide(again, SOCIAL_TEAM);

            assertThat(outcome).isEqualTo(new Outcome.DeadLettered(again,
                    new Violation(ReasonCode.SCHEMA_INVALID, "handoffId is already in use"), OutboxDecisions.VALIDATION_FAILED, true));
        }

        String handoffId() {
            return ((HandoffRequest) requested.getBody()).getHandoffId();
        }

        OutboxMessage update(String from, String to, HandoffUpdate u) {
            return message(from, to, WORK_REINTEGRATION, u);
        }

        @Test
        void theReceiversReceiptChangesTheStatusAndIsRelayedToTheSender() {
            HandoffUpdate u = HandoffUpdate.newBuilder(Bodies.update(handoffId(), HandoffStatus.RECEIVED)).setAccountable("team-werk").build();
            OutboxMessage m = update(UWV, SOCIAL_TEAM, u);

            Outcome outcome = decisions.decide(m, UWV);

            assertThat(outcome).isInstanceOfSatisfying(Outcome.StatusChanged.class, s -> {
                assertThat(s.change().previous()).isEqualTo(HandoffStatus.REQUESTED);
                assertThat(s.change().record().getStatus()).isEqualTo(HandoffStatus.RECEIVED);
                assertThat(s.change().record().getAccountable()).isEqualTo("team-werk");
                assertThat(s.change().relayTo()).isEqualTo(SOCIAL_TEAM);
                assertThat(s.change().origin()).isEqualTo(UWV);
                assertThat(s.change().causationId()).isEqualTo(m.getMessageId());
                assertThat(s.policy().id()).isEqualTo("socialteam-uwv-work-reintegration");
            });
        }

        @Test
        void anUpdateAlreadyAppliedIsSkipped() {
            HandoffUpdate u = HandoffUpdate.newBuilder(Bodies.update(handoffId(), HandoffStatus.RECEIVED)).setAccountable("team-werk").build();
            OutboxMessage m = update(UWV, SOCIAL_TEAM, u);
            handoffs.put(((Outcome.StatusChanged) decisions.decide(m, UWV)).change().record());

            assertThat(decisions.decide(m, UWV)).isEqualTo(new Outcome.SkippedReplay(m, handoffId()));
        }

        @Test
        void afterACancellationEveryMoveIsIllegal() {
            OutboxMessage m = update(SOCIAL_TEAM, UWV, Bodies.update(handoffId(), HandoffStatus.CANCELLED));
            handoffs.put(((Outcome.StatusChanged) decisions.decide(m, SOCIAL_TEAM)).change().record());
            OutboxMessage received = update(SOCIAL_TEAM, UWV,
                    HandoffUpdate.newBuilder(Bodies.update(handoffId(), HandoffStatus.RECEIVED)).setAccountable("x").build());

            // cancelled is final: any further move is an illegal transition, whoever asks
            assertThat(decisions.decide(received, SOCIAL_TEAM)).isInstanceOfSatisfying(Outcome.Rejected.class,
                    r -> assertThat(r.violation().code()).isEqualTo(ReasonCode.ILLEGAL_TRANSITION));
        }

        @Test
        void aMoveByTheWrongPartyIsNotAuthorised() {
            OutboxMessage m = update(SOCIAL_TEAM, UWV,
                    HandoffUpdate.newBuilder(Bodies.update(handoffId(), HandoffStatus.RECEIVED)).setAccountable("x").build());

            Outcome outcome = decisions.decide(m, SOCIAL_TEAM);

            assertThat(outcome).isEqualTo(new Outcome.Rejected(m,
                    new Violation(ReasonCode.NOT_AUTHORISED, "only the receiver may move a handoff to RECEIVED"), null));
        }

        @Test
        void aPartnerOutsideTheHandoffMayNotUpdateIt() {
            OutboxMessage m = update(HOUSING, UWV, Bodies.update(handoffId(), HandoffStatus.CANCELLED));

            assertThat(decisions.decide(m, HOUSING)).isEqualTo(new Outcome.Rejected(m,
                    new Violation(ReasonCode.NOT_AUTHORISED, "only the sender and the receiver of a handoff may update it"), null));
        }

        @Test
        void anUnknownHandoffIsRejected() {
            OutboxMessage m = update(UWV, SOCIAL_TEAM, Bodies.update(UUID.randomUUID().toString(), HandoffStatus.ACCEPTED));

            assertThat(decisions.decide(m, UWV)).isInstanceOfSatisfying(Outcome.Rejected.class,
                    r -> assertThat(r.violation().code()).isEqualTo(ReasonCode.UNKNOWN_HANDOFF));
        }

        @Test
        void aSkippedStepIsAnIllegalTransition() {
            OutboxMessage m = update(UWV, SOCIAL_TEAM, Bodies.update(handoffId(), HandoffStatus.ACCEPTED));

            assertThat(decisions.decide(m, UWV)).isInstanceOfSatisfying(Outcome.Rejected.class,
                    r -> assertThat(r.violation().code()).isEqualTo(ReasonCode.ILLEGAL_TRANSITION));
        }
    }

    @Nested
    class ConsentChanges {

        @Test
        void aGrantByAPartnerThatSendsConsentBasedFlowsIsRecorded() {
            Subject resident = SyntheticResidents.next();
            ConsentChange grant = workReintegrationConsent(resident, "IDENTITY", "INCOME");

            Outcome.ConsentRecorded recorded = recorded(SOCIAL_TEAM, grant);

            assertThat(recorded.withdrawn()).isFalse();
            assertThat(recorded.pastDeliveries()).isEmpty();
            assertThat(recorded.pseudonym()).isEqualTo(pseudonymiser.pseudonymOf(resident).orElseThrow());
            assertThat(recorded.consent().consentId()).isEqualTo(grant.getConsentId());
            assertThat(recorded.consent().recordedByPartnerId()).isEqualTo(SOCIAL_TEAM);
            assertThat(recorded.consent().withdrawnAt()).isNull();
            assertThat(recorded.consent().dataCategories()).extracting(Enum::name).containsExactlyInAnyOrder("IDENTITY", "INCOME");
        }

        @Test
        void aGrantByAPartnerWithoutConsentBasedFlowsForThePurposeIsRejected() {
            ConsentChange grant = workReintegrationConsent(SyntheticResidents.next(), "IDENTITY");
            OutboxMessage m = message(HOUSING, "hub", WORK_REINTEGRATION, grant);

            Outcome outcome = decisions.decide(m, HOUSING);

            assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class, r -> {
                assertThat(r.violation().code()).isEqualTo(ReasonCode.NOT_AUTHORISED);
                assertThat(r.pseudonym()).isNotBlank();
            });
        }

        @Test
        void aConsentIdUsedForAnotherResidentIsDeadLettered() {
            ConsentChange grant = workReintegrationConsent(SyntheticResidents.next(), "IDENTITY");
            recorded(SOCIAL_TEAM, grant);
            ConsentChange other = ConsentChange.newBuilder(grant).setSubject(SyntheticResidents.next()).build();
            OutboxMessage m = message(SOCIAL_TEAM, "hub", WORK_REINTEGRATION, other);

            assertThat(decisions.decide(m, SOCIAL_TEAM)).isEqualTo(new Outcome.DeadLettered(m,
                    new Violation(ReasonCode.SCHEMA_INVALID, "consentId is already used for another resident"),
                    OutboxDecisions.VALIDATION_FAILED, true));
        }

        @Test
        void aWithdrawalIsToldToEveryPartnerThatReceivedDataUnderIt() {
            ConsentChange grant = workReintegrationConsent(SyntheticResidents.next(), "IDENTITY");
            recorded(SOCIAL_TEAM, grant);
            PastDeliveries.Delivery toUwv = new PastDeliveries.Delivery(SOCIAL_TEAM, "m-1", UWV, "case-1");
            PastDeliveries.Delivery toWi = new PastDeliveries.Delivery(SOCIAL_TEAM, "m-2", WI_SUPPORT, "case-1");
            PastDeliveries.Delivery againToUwv = new PastDeliveries.Delivery(SOCIAL_TEAM, "m-3", UWV, "case-2");
            pastDeliveries.addAll(List.of(toUwv, toWi, againToUwv));

            Outcome.ConsentRecorded withdrawn = recorded(SOCIAL_TEAM, withdrawal(grant));

            assertThat(withdrawn.withdrawn()).isTrue();
            assertThat(withdrawn.consent().withdrawnAt()).isEqualTo(NOW);
            assertThat(withdrawn.consent().dataCategories()).extracting(Enum::name).containsExactly("IDENTITY");
            // by receiver, in id order: one notice each
            assertThat(withdrawn.pastDeliveries()).containsExactly(
                    org.assertj.core.api.Assertions.entry(UWV, List.of(toUwv, againToUwv)),
                    org.assertj.core.api.Assertions.entry(WI_SUPPORT, List.of(toWi)));
        }

        @Test
        void aWithdrawalByAPartnerThatNeitherRecordedNorMayRecordItIsRejected() {
            ConsentChange grant = workReintegrationConsent(SyntheticResidents.next(), "IDENTITY");
            recorded(SOCIAL_TEAM, grant);
            OutboxMessage m = message(HOUSING, "hub", WORK_REINTEGRATION, withdrawal(grant));

            assertThat(decisions.decide(m, HOUSING)).isInstanceOfSatisfying(Outcome.Rejected.class,
                    r -> assertThat(r.violation().code()).isEqualTo(ReasonCode.NOT_AUTHORISED));
        }
    }
}
