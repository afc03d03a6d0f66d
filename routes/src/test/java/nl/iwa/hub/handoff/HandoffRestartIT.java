package nl.iwa.hub.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.inbox.Escalation;
import nl.iwa.hub.contract.inbox.EscalationLevel;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testing.Scenarios;
import nl.iwa.hub.testing.StandaloneHub;
import nl.iwa.hub.testing.TestClock;
import nl.iwa.hub.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * Handoff state and deadlines live in Kafka: a restarted hub neither repeats nor skips an escalation. The handoff is
 * read as ops read it (the overview), so the test holds whichever engine decides.
 */
class HandoffRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String PURPOSE = "WORK_REINTEGRATION";

    @Test
    void aDueEscalationFiresExactlyOnceAcrossARestart() {
        String prefix = "restart" + UUID.randomUUID().toString().substring(0, 8);
        TestInfrastructure infra = TestInfrastructure.get();
        WorkingDayCalendar calendar = new WorkingDayCalendar();
        String handoffId;
        Instant due;
        try (PartnerClient social = new PartnerClient("socialteam-heerlen", prefix, infra.partnerConnection("socialteam-heerlen").properties(), infra.registryUrl());
             PartnerClient uwv = new PartnerClient("uwv-zuid-limburg", prefix, infra.partnerConnection("uwv-zuid-limburg").properties(), infra.registryUrl())) {

            // Given a hub with a handoff whose receipt deadline has passed, and the reminder sent
            try (StandaloneHub hub = StandaloneHub.start(prefix)) {
                handoffId = startHandoff(social);
                due = await().atMost(WAIT).ignoreException(HandoffOverview.NotReady.class)
                        .until(() -> hub.bean(HandoffOverview.class).get(handoffId), java.util.Optional::isPresent)
                        .map(HandoffRecord::getDueAt).orElseThrow();
                TestClock.INSTANCE.advanceTo(due.plusSeconds(1));
                await().atMost(WAIT).until(() -> count(uwv, handoffId, EscalationLevel.REMINDER_TO_RECEIVER) == 1);
            }

            // When the hub is down while the next level falls due, and then starts again
            TestClock.INSTANCE.advanceTo(calendar.plusWorkingDays(due, 1).plusSeconds(1));
            try (StandaloneHub restarted = StandaloneHub.start(prefix)) {

                // Then the overdue notice fires once, and the reminder is not repeated
                await().atMost(WAIT).until(() -> count(social, handoffId, EscalationLevel.NOTICE_TO_SENDER_AND_ESCALATION_CONTACT) == 1);
                await().atMost(WAIT).ignoreExceptions()
                        .until(() -> restarted.bean(HandoffOverview.class).get(handoffId).orElseThrow().getEscalationsFired(),
                        fired -> fired.equals(List.of("REMINDER_TO_RECEIVER", "NOTICE_TO_SENDER_AND_ESCALATION_CONTACT")));
                // the clock route runs every 200 ms: the counts must hold over many of its runs
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                        count(uwv, handoffId, EscalationLevel.REMINDER_TO_RECEIVER) == 1
                                && count(uwv, handoffId, EscalationLevel.NOTICE_TO_SENDER_AND_ESCALATION_CONTACT) == 1
                                && count(social, handoffId, EscalationLevel.NOTICE_TO_SENDER_AND_ESCALATION_CONTACT) == 1
                                && count(social, handoffId, EscalationLevel.NOTICE_TO_COORDINATOR) == 0);
                assertThat(restarted.bean(HandoffOverview.class).get(handoffId).orElseThrow().getStatus()).isEqualTo(HandoffStatus.REQUESTED);
            }
        }
    }

    private static String startHandoff(PartnerClient social) {
        return Scenarios.workReintegrationHandoff(social, WAIT).getHandoffId();
    }

    private static long count(PartnerClient to, String handoffId, EscalationLevel level) {
        return to.inbox().values().stream()
                .filter(m -> m.getBody() instanceof Escalation e && e.getHandoffId().equals(handoffId) && e.getLevel() == level)
                .count();
    }
}
