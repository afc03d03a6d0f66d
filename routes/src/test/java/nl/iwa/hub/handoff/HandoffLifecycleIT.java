package nl.iwa.hub.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.inbox.Escalation;
import nl.iwa.hub.contract.inbox.EscalationLevel;
import nl.iwa.hub.contract.inbox.HandoffDelivery;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.inbox.Rejection;
import nl.iwa.hub.contract.inbox.StatusRelay;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testing.AuditProbe;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testkit.partner.InboxReader;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testing.Scenarios;
import nl.iwa.hub.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** Every handoff is a closed loop: confirmed receiver, every status back to the sender, escalation when late. */
class HandoffLifecycleIT extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PURPOSE = "WORK_REINTEGRATION";

    static PartnerClient socialTeam;
    static PartnerClient uwv;
    static PartnerClient housing;
    static AuditProbe audit;

    TestRestTemplate http;

    @Autowired
    void ops(TestRestTemplate rest) {
        this.http = rest.withBasicAuth("ops", OPS_PASSWORD);
    }

    @BeforeAll
    static void partners() {
        socialTeam = partner("socialteam-heerlen");
        uwv = partner("uwv-zuid-limburg");
        housing = partner("housing-mijnstreek");
        audit = new AuditProbe();
    }

    @AfterAll
    static void close() {
        socialTeam.close();
        uwv.close();
        housing.close();
        audit.close();
    }

    @Test
    void happyPathRelaysEveryStatusToTheSender() {
        // Given a handoff the social team made, read by UWV's system with its own consumer group
        HandoffRequest request = startHandoff();
        String id = request.getHandoffId();
        assertThat(relay(socialTeam, id, HandoffStatus.REQUESTED).getPreviousStatus()).isNull();
        try (InboxReader uwvSystem = uwv.inboxReader("uwv-zuid-limburg-inbox")) {
            await().atMost(WAIT).until(() -> {
                uwvSystem.pollAndCommit();
                return relays(socialTeam, id).stream().anyMatch(r -> r.getStatus() == HandoffStatus.DELIVERED);
            });
        }
        // (the test's own reader of UWV's inbox may not have read as far yet: wait for it, do not poll once)
        HandoffDelivery delivered = (HandoffDelivery) await().atMost(WAIT).until(() -> uwv.inbox().values().stream()
                .filter(m -> m.getBody() instanceof HandoffDelivery h && h.getHandoffId().equals(id)).findFirst(),
                java.util.Optional::isPresent).orElseThrow().getBody();
        assertThat(delivered.getFacts().getMedicalDetail()).isNull();

        // When UWV confirms, accepts, makes contact and completes
        update(uwv, id, HandoffStatus.RECEIVED, u -> u.setAccountable("team-werkfit-heerlen"));
        relay(socialTeam, id, HandoffStatus.RECEIVED);
        update(uwv, id, HandoffStatus.ACCEPTED, u -> { });
        relay(socialTeam, id, HandoffStatus.ACCEPTED);
        update(uwv, id, HandoffStatus.IN_PROGRESS, u -> { });
        relay(socialTeam, id, HandoffStatus.IN_PROGRESS);
        update(uwv, id, HandoffStatus.COMPLETED, u -> u.setOutcomeCode("HELP_ACCEPTED"));

        // Then the sender heard every step, with who is accountable and the outcome
        StatusRelay completed = relay(socialTeam, id, HandoffStatus.COMPLETED);
        assertThat(completed.getPreviousStatus()).isEqualTo(HandoffStatus.IN_PROGRESS);
        assertThat(completed.getOutcomeCode()).isEqualTo("HELP_ACCEPTED");
        assertThat(completed.getAccountable()).isEqualTo("team-werkfit-heerlen");
        assertThat(relays(socialTeam, id)).extracting(StatusRelay::getStatus).containsExactly(HandoffStatus.REQUESTED,
                HandoffStatus.DELIVERED, HandoffStatus.RECEIVED, HandoffStatus.ACCEPTED, HandoffStatus.IN_PROGRESS, HandoffStatus.COMPLETED);

        // And ops see the whole history, in FHIR terms too, without any resident data
        Map<?, ?> detail = await().atMost(WAIT).until(() -> http.getForObject("/api/ops/handoffs/" + id, Map.class),
                d -> ((List<?>) d.get("history")).size() == 6);
        assertThat(((Map<?, ?>) detail.get("handoff")).get("fhirTaskStatus")).isEqualTo("completed");
        assertThat(detail.toString()).doesNotContain("subjectPseudonym");
        String correlation = (String) ((Map<?, ?>) detail.get("handoff")).get("correlationId");
        await().atMost(WAIT).until(() -> audit.all().stream()
                .filter(a -> a.getDecision() == Decision.STATUS_CHANGED && correlation.equals(a.getCorrelationId())).count() == 5);
    }

    @Test
    void declineWithASuggestedPartnerReachesTheSender() {
        String id = startHandoff().getHandoffId();

        update(uwv, id, HandoffStatus.RECEIVED, u -> u.setAccountable("team-intake"));
        update(uwv, id, HandoffStatus.DECLINED, u -> {
            u.setReasonCode("NOT_IN_TARGET_GROUP");
            u.setSuggestedPartnerId("wi-heerlen-support");
        });

        StatusRelay declined = relay(socialTeam, id, HandoffStatus.DECLINED);
        assertThat(declined.getReasonCode()).isEqualTo("NOT_IN_TARGET_GROUP");
        assertThat(declined.getSuggestedPartnerId()).isEqualTo("wi-heerlen-support");
        List<?> open = http.getForObject("/api/ops/handoffs?partner=uwv-zuid-limburg", List.class);
        assertThat(open.toString()).doesNotContain(id);
    }

    @Test
    void senderCancelsAndTheReceiverIsTold() {
        String id = startHandoff().getHandoffId();

        update(socialTeam, id, HandoffStatus.CANCELLED, u -> u.setReasonCode("RESIDENT_MOVED"));

        StatusRelay cancelled = relay(uwv, id, HandoffStatus.CANCELLED);
        assertThat(cancelled.getReasonCode()).isEqualTo("RESIDENT_MOVED");
    }

    @Test
    void illegalTransitionsAndStrangersAreRejectedWithAReason() {
        String id = startHandoff().getHandoffId();

        OutboxMessage skip = update(uwv, id, HandoffStatus.COMPLETED, u -> u.setOutcomeCode("HELP_ACCEPTED"));
        OutboxMessage stranger = update(housing, id, HandoffStatus.RECEIVED, u -> u.setAccountable("x"));
        OutboxMessage receiverCancels = update(uwv, id, HandoffStatus.CANCELLED, u -> { });
        OutboxMessage unknown = update(uwv, UUID.randomUUID().toString(), HandoffStatus.RECEIVED, u -> u.setAccountable("x"));

        assertThat(rejection(uwv, skip).getReasonCode()).isEqualTo(ReasonCode.ILLEGAL_TRANSITION);
        assertThat(rejection(housing, stranger).getReasonCode()).isEqualTo(ReasonCode.NOT_AUTHORISED);
        assertThat(rejection(uwv, receiverCancels).getReasonCode()).isEqualTo(ReasonCode.NOT_AUTHORISED);
        assertThat(rejection(uwv, unknown).getReasonCode()).isEqualTo(ReasonCode.UNKNOWN_HANDOFF);
    }

    @Test
    void aMissedDeadlineClimbsTheEscalationLadderOnceEachStep() {
        // Given a handoff nobody at UWV confirms
        String id = startHandoff().getHandoffId();
        Instant due = Instant.parse((String) ((Map<?, ?>) http.getForObject("/api/ops/handoffs/" + id, Map.class).get("handoff")).get("dueAt"));
        WorkingDayCalendar calendar = new WorkingDayCalendar();

        // When the receipt deadline passes: a reminder to the receiver, and nothing more yet
        TestClock.INSTANCE.advanceTo(due.plusSeconds(1));
        assertThat(escalation(uwv, id, EscalationLevel.REMINDER_TO_RECEIVER).getAwaitedStatus()).isEqualTo(HandoffStatus.RECEIVED);
        assertThat(openHandoff(id).get("escalationsFired")).isEqualTo(List.of("REMINDER_TO_RECEIVER"));

        // one working day later: the sender and the receiver's escalation contact
        TestClock.INSTANCE.advanceTo(calendar.plusWorkingDays(due, 1).plusSeconds(1));
        escalation(socialTeam, id, EscalationLevel.NOTICE_TO_SENDER_AND_ESCALATION_CONTACT);
        escalation(uwv, id, EscalationLevel.NOTICE_TO_SENDER_AND_ESCALATION_CONTACT);

        // two working days later: the coordinator (the social team in this municipality)
        TestClock.INSTANCE.advanceTo(calendar.plusWorkingDays(due, 2).plusSeconds(1));
        escalation(socialTeam, id, EscalationLevel.NOTICE_TO_COORDINATOR);

        // Then each step came exactly once, and each is audited
        await().atMost(WAIT).until(() -> openHandoff(id).get("escalationsFired"),
                f -> ((List<?>) f).size() == 3);
        assertThat(escalations(uwv, id)).extracting(Escalation::getLevel).containsExactly(
                EscalationLevel.REMINDER_TO_RECEIVER, EscalationLevel.NOTICE_TO_SENDER_AND_ESCALATION_CONTACT);
        assertThat(escalations(socialTeam, id)).extracting(Escalation::getLevel).containsExactly(
                EscalationLevel.NOTICE_TO_SENDER_AND_ESCALATION_CONTACT, EscalationLevel.NOTICE_TO_COORDINATOR);
        String correlation = (String) ((Map<?, ?>) http.getForObject("/api/ops/handoffs/" + id, Map.class).get("handoff")).get("correlationId");
        await().atMost(WAIT).until(() -> audit.all().stream()
                .filter(a -> a.getDecision() == Decision.ESCALATED && correlation.equals(a.getCorrelationId())).count() == 3);

        // And once UWV confirms receipt, the ladder starts over for the next deadline
        update(uwv, id, HandoffStatus.RECEIVED, u -> u.setAccountable("team-werkfit-heerlen"));
        await().atMost(WAIT).until(() -> http.getForObject("/api/ops/handoffs/" + id, Map.class),
                d -> "RECEIVED".equals(((Map<?, ?>) d.get("handoff")).get("status"))
                        && ((List<?>) ((Map<?, ?>) d.get("handoff")).get("escalationsFired")).isEmpty());
    }

    // --- helpers -------------------------------------------------------------------------------------------

    static HandoffRequest startHandoff() {
        return Scenarios.workReintegrationHandoff(socialTeam, WAIT);
    }

    static OutboxMessage update(PartnerClient who, String handoffId, HandoffStatus status,
                                java.util.function.Consumer<HandoffUpdate> details) {
        HandoffUpdate u = Bodies.update(handoffId, status);
        details.accept(u);
        String counterpart = who == uwv ? "socialteam-heerlen" : "uwv-zuid-limburg";
        // one case for all updates of a handoff: they share an outbox partition, so the hub sees them in the order sent
        // (with a fresh case each, RECEIVED and DECLINED sent back to back could be decided the other way round)
        OutboxMessage m = who.message(counterpart, PURPOSE, u).setCorrelationId(handoffId).build();
        who.send(m);
        return m;
    }

    static List<StatusRelay> relays(PartnerClient to, String handoffId) {
        return to.inbox().values().stream().map(InboxMessage::getBody)
                .filter(b -> b instanceof StatusRelay r && r.getHandoffId().equals(handoffId)).map(b -> (StatusRelay) b).toList();
    }

    static StatusRelay relay(PartnerClient to, String handoffId, HandoffStatus status) {
        return await().atMost(WAIT).until(() -> relays(to, handoffId).stream().filter(r -> r.getStatus() == status).toList(),
                l -> !l.isEmpty()).get(0);
    }

    static List<Escalation> escalations(PartnerClient to, String handoffId) {
        return to.inbox().readToEnd().stream().map(r -> r.value().getBody())
                .filter(b -> b instanceof Escalation e && e.getHandoffId().equals(handoffId)).map(b -> (Escalation) b).toList();
    }

    static Escalation escalation(PartnerClient to, String handoffId, EscalationLevel level) {
        return await().atMost(WAIT).until(() -> to.inbox().values().stream().map(InboxMessage::getBody)
                .filter(b -> b instanceof Escalation e && e.getHandoffId().equals(handoffId) && e.getLevel() == level)
                .map(b -> (Escalation) b).toList(), l -> !l.isEmpty()).get(0);
    }

    static Rejection rejection(PartnerClient sender, OutboxMessage m) {
        return (Rejection) await().atMost(WAIT).until(() -> sender.inbox().values().stream()
                .filter(i -> i.getBody() instanceof Rejection r && m.getMessageId().equals(r.getRejectedMessageId())).toList(),
                l -> !l.isEmpty()).get(0).getBody();
    }

    Map<?, ?> openHandoff(String id) {
        return (Map<?, ?>) http.getForObject("/api/ops/handoffs/" + id, Map.class).get("handoff");
    }
}
