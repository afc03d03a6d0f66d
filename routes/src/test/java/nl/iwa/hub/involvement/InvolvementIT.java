package nl.iwa.hub.involvement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.common.LifeDomain;
import nl.iwa.hub.contract.common.PartnerKind;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.common.Urgency;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.inbox.Escalation;
import nl.iwa.hub.contract.inbox.EscalationLevel;
import nl.iwa.hub.contract.inbox.HandoffDelivery;
import nl.iwa.hub.contract.inbox.Rejection;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.inbox.InvolvedPartner;
import nl.iwa.hub.contract.inbox.InvolvementChange;
import nl.iwa.hub.contract.inbox.InvolvementNotice;
import nl.iwa.hub.contract.inbox.SignalDelivery;
import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.contract.outbox.CoordinationAction;
import nl.iwa.hub.contract.outbox.CoordinationChange;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testing.AuditProbe;
import nl.iwa.hub.handoff.WorkingDayCalendar;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testing.TestClock;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Who else is involved with a resident, told through the real broker and registry: the circle a housing signal and
 * a GP handoff make, what a consent hides, that enforcement never takes part, and that a withdrawal ends what it
 * allowed; a coordinator claim, and the escalation that then goes to the coordinator. That involvement ends with its window is shown in InvolvementNoticesTest: here it would take moving the
 * clock every test of this JVM shares by months, which would fire every other test's deadlines at once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InvolvementIT extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SOCIAL_TEAM = "socialteam-heerlen";
    private static final String HOUSING = "housing-mijnstreek";
    private static final String GP = "gp-heerlen-centrum";
    private static final String UWV = "uwv-zuid-limburg";
    private static final String WI_SUPPORT = "wi-heerlen-support";
    private static final String ENFORCEMENT = "wi-heerlen-enforcement";
    private static final String PSYCHOSOCIAL = "PSYCHOSOCIAL_SUPPORT";

    static PartnerClient socialTeam;
    static PartnerClient housing;
    static PartnerClient gp;
    static PartnerClient uwv;
    static PartnerClient wiSupport;
    static PartnerClient enforcement;
    static AuditProbe audit;
    TestRestTemplate ops;

    @Autowired
    void ops(TestRestTemplate rest) {
        this.ops = rest.withBasicAuth("ops", OPS_PASSWORD);
    }

    @BeforeAll
    static void partners() {
        socialTeam = partner(SOCIAL_TEAM);
        housing = partner(HOUSING);
        gp = partner(GP);
        uwv = partner(UWV);
        wiSupport = partner(WI_SUPPORT);
        enforcement = partner(ENFORCEMENT);
        audit = new AuditProbe();
    }

    @AfterAll
    static void close() {
        for (PartnerClient p : List.of(socialTeam, housing, gp, uwv, wiSupport, enforcement)) {
            p.close();
        }
        audit.close();
    }

    @Test
    @Order(1)
    void aHousingSignalThenAGpHandoffMakeACircleThatEveryoneInItHearsOf() {
        // Given a housing signal about a resident, then a GP handoff under a consent that names all three kinds
        Subject resident = SyntheticResidents.next();
        String housingCase = UUID.randomUUID().toString();
        String gpCase = UUID.randomUUID().toString();
        sendSignal(housing, SOCIAL_TEAM, "EARLY_DEBT_SIGNALLING", housingCase, Bodies.rentArrears(resident));
        String consentId = UUID.randomUUID().toString();
        grantGpConsent(consentId, resident, gpCase, List.of(PartnerKind.SOCIAL_TEAM, PartnerKind.GP_PRACTICE, PartnerKind.HOUSING));
        HandoffRequest handoff = Bodies.psychosocial(resident);
        gp.send(gp.message(SOCIAL_TEAM, PSYCHOSOCIAL, handoff).setCorrelationId(gpCase).build());

        // Then the social team learns of both partners, and housing of the social team and the newcomer
        InvolvementNotice toSocialTeam = joined(socialTeam, gpCase);
        assertThat(ids(toSocialTeam)).containsExactly(GP, HOUSING);
        assertThat(toSocialTeam.getCorrelationIds()).as("the social team's own cases with the resident")
                .containsExactlyInAnyOrder(housingCase, gpCase);
        InvolvementNotice toHousing = joined(housing, housingCase);
        assertThat(ids(toHousing)).containsExactly(GP, SOCIAL_TEAM);
        assertThat(toHousing.getPartners()).extracting(InvolvedPartner::getKind)
                .containsExactly(PartnerKind.GP_PRACTICE, PartnerKind.SOCIAL_TEAM);
        assertThat(toHousing.getCorrelationIds()).as("housing's own case only").containsExactly(housingCase);
        // and no notice carries anything of the other flows: no name, no BSN, no facts
        for (InvolvementNotice n : List.of(toSocialTeam, toHousing)) {
            assertThat(n.toString()).doesNotContain(SyntheticResidents.personalValues(resident));
        }
        // and every notice is audited, about the pseudonym, naming partner ids only
        List<AuditRecord> notified = awaitAudit(housingCase, 2);
        assertThat(notified).extracting(AuditRecord::getReceiverPartnerId).containsExactlyInAnyOrder(SOCIAL_TEAM, HOUSING);
        assertThat(notified).allSatisfy(r -> {
            assertThat(r.getSubjectPseudonym()).isNotBlank();
            assertThat(r.getPolicyId()).isEqualTo("gp-socialteam-psychosocial");
            assertThat(r.toString()).doesNotContain(SyntheticResidents.personalValues(resident));
        });

        // When UWV signals enforcement about the same resident, then a benefit ending to W&I support
        String enforcementCase = UUID.randomUUID().toString();
        sendSignal(uwv, ENFORCEMENT, "BENEFIT_ENFORCEMENT", enforcementCase,
                Bodies.signal("BENEFIT_OVERLAP", LifeDomain.INCOME, Urgency.NORMAL, resident, Bodies.fullFacts()));
        String benefitCase = UUID.randomUUID().toString();
        sendSignal(uwv, WI_SUPPORT, "INCOME_CONTINUITY", benefitCase,
                Bodies.signal("BENEFIT_ENDING", LifeDomain.INCOME, Urgency.NORMAL, resident, Bodies.fullFacts()));

        // Then W&I support learns of the circle its policy and the consent let it see, the social team of UWV and
        // W&I support, and the enforcement unit neither learns of anyone nor is named to anyone
        assertThat(ids(joined(wiSupport, benefitCase))).containsExactly(HOUSING, SOCIAL_TEAM, UWV);
        await().atMost(WAIT).until(() -> notices(socialTeam, housingCase).stream()
                .anyMatch(n -> ids(n).equals(List.of(UWV, WI_SUPPORT))));
        assertThat(enforcement.inbox().values()).as("the enforcement unit got its signal and nothing else")
                .anyMatch(m -> m.getBody() instanceof SignalDelivery && enforcementCase.equals(m.getCorrelationId()))
                .noneMatch(m -> m.getBody() instanceof InvolvementNotice);
        for (PartnerClient p : List.of(socialTeam, housing, gp, uwv, wiSupport)) {
            assertThat(p.inbox().values()).as(p.id() + " is never told of the enforcement unit")
                    .noneMatch(m -> m.getBody() instanceof InvolvementNotice n
                            && n.getPartners().stream().anyMatch(x -> x.getPartnerId().equals(ENFORCEMENT)));
        }

        // When the resident withdraws the GP consent
        gp.send(gp.message("hub", PSYCHOSOCIAL, Bodies.withdraw(consentId, resident)).setCorrelationId(gpCase).build());

        // Then housing hears that the GP's involvement, which only that consent let it know of, has ended
        InvolvementNotice ended = await().atMost(WAIT).until(() -> housing.inboxFor(housingCase).stream()
                .map(InboxMessage::getBody).filter(b -> b instanceof InvolvementNotice n && n.getChange() == InvolvementChange.ENDED)
                .map(InvolvementNotice.class::cast).findFirst().orElse(null), n -> n != null);
        assertThat(ids(ended)).containsExactly(GP);
    }

    @Test
    @Order(2)
    void aConsentThatDoesNotNameGpPracticesHidesTheGp() {
        Subject resident = SyntheticResidents.next();
        String housingCase = UUID.randomUUID().toString();
        String gpCase = UUID.randomUUID().toString();
        sendSignal(housing, SOCIAL_TEAM, "EARLY_DEBT_SIGNALLING", housingCase, Bodies.rentArrears(resident));
        grantGpConsent(UUID.randomUUID().toString(), resident, gpCase, List.of(PartnerKind.SOCIAL_TEAM, PartnerKind.HOUSING));
        HandoffRequest handoff = Bodies.psychosocial(resident);
        gp.send(gp.message(SOCIAL_TEAM, PSYCHOSOCIAL, handoff).setCorrelationId(gpCase).build());

        // the handoff is delivered (so its decision and any notice are written), but nobody is told of the GP
        await().atMost(WAIT).until(() -> socialTeam.inboxFor(gpCase).stream()
                .anyMatch(m -> m.getBody() instanceof HandoffDelivery h && h.getHandoffId().equals(handoff.getHandoffId())));
        assertThat(ids(joined(housing, housingCase))).containsExactly(SOCIAL_TEAM);
        assertThat(ids(joined(socialTeam, gpCase))).containsExactly(HOUSING);
        assertThat(gp.inboxFor(gpCase)).noneMatch(m -> m.getBody() instanceof InvolvementNotice);
    }

    @Test
    @Order(3)
    void aCoordinatorClaimReachesEveryInvolvedPartnerAndTheLastEscalationGoesToIt() {
        // Given a benefit ending to W&I support and a work-reintegration handoff from the social team to UWV
        Subject resident = SyntheticResidents.next();
        String benefitCase = UUID.randomUUID().toString();
        sendSignal(uwv, WI_SUPPORT, "INCOME_CONTINUITY", benefitCase,
                Bodies.signal("BENEFIT_ENDING", LifeDomain.INCOME, Urgency.NORMAL, resident, Bodies.fullFacts()));
        String handoffCase = UUID.randomUUID().toString();
        socialTeam.send(socialTeam.message("hub", "WORK_REINTEGRATION", Bodies.grant(UUID.randomUUID().toString(), resident,
                "WORK_REINTEGRATION", UWV, "IDENTITY", "CONTACT", "INCOME", "PARTICIPATION", "FREE_TEXT"))
                .setCorrelationId(handoffCase).build());
        HandoffRequest request = Bodies.workReintegration(resident);
        socialTeam.send(socialTeam.message(UWV, "WORK_REINTEGRATION", request).setCorrelationId(handoffCase).build());
        await().atMost(WAIT).until(() -> uwv.inboxFor(handoffCase).stream().anyMatch(m -> m.getBody() instanceof HandoffDelivery));

        // When W&I support claims the coordination of the resident's case (contract v2)
        CoordinationChange claim = CoordinationChange.newBuilder().setAction(CoordinationAction.CLAIMED).setSubject(resident)
                .setRecordedBy("regisseur-12").build();
        wiSupport.send(wiSupport.message("hub", "SUPPORT_COORDINATION", claim).setSchemaVersion(2).setCorrelationId(benefitCase).build());

        // Then every involved partner that may know of W&I support hears it coordinates, W&I support included
        for (PartnerClient p : List.of(wiSupport, socialTeam, uwv)) {
            InvolvementNotice n = await().atMost(WAIT).until(() -> p.inbox().values().stream().map(InboxMessage::getBody)
                    .filter(b -> b instanceof InvolvementNotice x && x.getChange() == InvolvementChange.COORDINATOR_CHANGED
                            && WI_SUPPORT.equals(x.getCoordinatorPartnerId())
                            && (x.getCorrelationIds().contains(benefitCase) || x.getCorrelationIds().contains(handoffCase)))
                    .map(InvolvementNotice.class::cast).findFirst().orElse(null), x -> x != null);
            assertThat(n.getPartners()).extracting(InvolvedPartner::getPartnerId).containsExactly(WI_SUPPORT);
            assertThat(n.toString()).doesNotContain(SyntheticResidents.personalValues(resident));
        }
        // and a second claim by another partner is refused: one coordinator per resident
        CoordinationChange second = CoordinationChange.newBuilder(claim).build();
        OutboxMessage secondClaim = socialTeam.message("hub", "SUPPORT_COORDINATION", second).setSchemaVersion(2)
                .setCorrelationId(handoffCase).build();
        socialTeam.send(secondClaim);
        await().atMost(WAIT).until(() -> socialTeam.inbox().values().stream().anyMatch(m -> m.getBody() instanceof Rejection r
                && secondClaim.getMessageId().equals(r.getRejectedMessageId()) && r.getReasonCode() == ReasonCode.NOT_AUTHORISED));

        // When nobody at UWV confirms the handoff, up to the ladder's last step
        String id = request.getHandoffId();
        Instant due = Instant.parse((String) ((Map<?, ?>) ops.getForObject("/api/ops/handoffs/" + id, Map.class).get("handoff")).get("dueAt"));
        TestClock.INSTANCE.advanceTo(new WorkingDayCalendar().plusWorkingDays(due, 2).plusSeconds(1));

        // Then the coordinator's step goes to the resident's coordinator, not to the municipality's configured one
        await().atMost(WAIT).until(() -> escalations(wiSupport, id).contains(EscalationLevel.NOTICE_TO_COORDINATOR));
        await().atMost(WAIT).until(() -> escalations(socialTeam, id).contains(EscalationLevel.NOTICE_TO_SENDER_AND_ESCALATION_CONTACT));
        assertThat(escalations(socialTeam, id)).doesNotContain(EscalationLevel.NOTICE_TO_COORDINATOR);
    }

    private static List<EscalationLevel> escalations(PartnerClient partner, String handoffId) {
        return partner.inbox().values().stream().map(InboxMessage::getBody)
                .filter(b -> b instanceof Escalation e && e.getHandoffId().equals(handoffId))
                .map(b -> ((Escalation) b).getLevel()).toList();
    }

    private static void sendSignal(PartnerClient from, String to, String purpose, String caseId, Object body) {
        OutboxMessage m = from.message(to, purpose, body).setCorrelationId(caseId).build();
        from.send(m);
    }

    private static void grantGpConsent(String consentId, Subject resident, String caseId, List<PartnerKind> kinds) {
        ConsentChange grant = Bodies.grant(consentId, resident, PSYCHOSOCIAL, SOCIAL_TEAM, "IDENTITY", "CONTACT", "WELLBEING");
        grant.setRecipientPartnerIds(List.of());
        grant.setRecipientKinds(kinds);
        gp.send(gp.message("hub", PSYCHOSOCIAL, grant).setCorrelationId(caseId).build());
    }

    private static InvolvementNotice joined(PartnerClient partner, String caseId) {
        return await().atMost(WAIT).until(() -> notices(partner, caseId).stream()
                .filter(n -> n.getChange() == InvolvementChange.JOINED).reduce((a, b) -> b).orElse(null), n -> n != null);
    }

    private static List<InvolvementNotice> notices(PartnerClient partner, String caseId) {
        return partner.inbox().values().stream().map(InboxMessage::getBody)
                .filter(b -> b instanceof InvolvementNotice n && n.getCorrelationIds().contains(caseId))
                .map(InvolvementNotice.class::cast).toList();
    }

    private static List<String> ids(InvolvementNotice n) {
        return n.getPartners().stream().map(InvolvedPartner::getPartnerId).toList();
    }

    /** The notices' audit records: their correlation id is the told partner's first case with the resident. */
    private static List<AuditRecord> awaitAudit(String caseId, int count) {
        return await().atMost(WAIT).until(() -> audit.all().stream()
                .filter(r -> r.getDecision() == Decision.INVOLVEMENT_NOTIFIED && caseId.equals(r.getCorrelationId()))
                .toList(), found -> found.size() >= count);
    }
}
