package nl.iwa.hub.impact;

import static nl.iwa.hub.contract.common.HandoffStatus.ACCEPTED;
import static nl.iwa.hub.contract.common.HandoffStatus.CANCELLED;
import static nl.iwa.hub.contract.common.HandoffStatus.COMPLETED;
import static nl.iwa.hub.contract.common.HandoffStatus.DECLINED;
import static nl.iwa.hub.contract.common.HandoffStatus.FAILED;
import static nl.iwa.hub.contract.common.HandoffStatus.IN_PROGRESS;
import static nl.iwa.hub.contract.common.HandoffStatus.RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import nl.iwa.hub.contract.common.LifeDomain;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.handoff.WorkingDayCalendar;
import org.junit.jupiter.api.Test;

class SettledHandoffsTest {

    // Monday 2 November 2026, 09:00 Dutch time: no holidays in the following weeks
    static final Instant MONDAY = Instant.parse("2026-11-02T08:00:00Z");
    final SettledHandoffs settled = ImpactFixtures.settledHandoffs();

    @Test
    void aCompletedHandoffCountsItsOutcomeCodeAndItsTimeToFirstContact() {
        HandoffRecord h = ImpactFixtures.handoff("sociaal-uwv", "uwv-zuid-limburg", LifeDomain.WORK, MONDAY,
                RECEIVED, MONDAY.plus(Duration.ofHours(2)), ACCEPTED, MONDAY.plus(Duration.ofHours(5)),
                IN_PROGRESS, MONDAY.plus(Duration.ofMinutes(30 * 60 + 59)), COMPLETED, MONDAY.plus(Duration.ofDays(40)));
        h.setOutcomeCode("HELP_ACCEPTED");

        Contribution c = settled.contribution(h).orElseThrow();

        assertThat(c.cell()).isEqualTo(new CellKey(ImpactKind.HANDOFF, "sociaal-uwv", "UWV", "COMPLETED_HELP_ACCEPTED", "WORK",
                new Quarter(2026, 4)));
        assertThat(c.count()).isEqualTo(1);
        assertThat(c.firstContactHours()).isEqualTo(30L);
        assertThat(SettledHandoffs.helpAccepted(h)).isTrue();
    }

    @Test
    void anOpenHandoffCountsNothing() {
        assertThat(settled.contribution(ImpactFixtures.handoff("p", "uwv-zuid-limburg", LifeDomain.WORK, MONDAY,
                RECEIVED, MONDAY.plusSeconds(60)))).isEmpty();
    }

    @Test
    void theQuarterIsThatOfTheSettlementInDutchTime() {
        Instant newYearsEveLate = Instant.parse("2026-12-31T23:30:00Z"); // 00:30 on 1 January in Amsterdam
        HandoffRecord h = ImpactFixtures.handoff("p", "uwv-zuid-limburg", LifeDomain.DEBTS, Instant.parse("2026-12-01T09:00:00Z"),
                RECEIVED, Instant.parse("2026-12-01T10:00:00Z"), DECLINED, newYearsEveLate);

        assertThat(settled.contribution(h).orElseThrow().cell().quarter()).isEqualTo(new Quarter(2027, 1));
        assertThat(settled.contribution(h).orElseThrow().cell().outcome()).isEqualTo("DECLINED");
        assertThat(settled.contribution(h).orElseThrow().firstContactHours()).isNull();
    }

    @Test
    void cancelledOrFailedAfterTheLadderRanOutIsExpiredAndBeforeItIsNot() {
        WorkingDayCalendar cal = new WorkingDayCalendar();
        // RECEIVED on Monday: accept/decline due in 3 working days, the ladder's last level 2 working days after that
        Instant received = MONDAY.plus(Duration.ofHours(1));
        Instant lastLevel = cal.plusWorkingDays(cal.plusWorkingDays(received, 3), 2);

        HandoffRecord justBefore = ImpactFixtures.handoff("p", "uwv-zuid-limburg", LifeDomain.WORK, MONDAY,
                RECEIVED, received, CANCELLED, lastLevel.minusSeconds(1));
        HandoffRecord atIt = ImpactFixtures.handoff("p", "uwv-zuid-limburg", LifeDomain.WORK, MONDAY,
                RECEIVED, received, CANCELLED, lastLevel);
        HandoffRecord failedLate = ImpactFixtures.handoff("p", "uwv-zuid-limburg", LifeDomain.WORK, MONDAY,
                RECEIVED, received, FAILED, lastLevel.plus(Duration.ofDays(3)));
        // IN_PROGRESS has no deadline: however late it fails, that is no expiry
        HandoffRecord failedInProgress = ImpactFixtures.handoff("p", "uwv-zuid-limburg", LifeDomain.WORK, MONDAY,
                RECEIVED, received, ACCEPTED, received.plusSeconds(60), IN_PROGRESS, received.plusSeconds(120),
                FAILED, received.plus(Duration.ofDays(90)));

        assertThat(settled.outcome(justBefore)).isEqualTo("CANCELLED");
        assertThat(settled.outcome(atIt)).isEqualTo("EXPIRED");
        assertThat(settled.outcome(failedLate)).isEqualTo("EXPIRED");
        assertThat(settled.outcome(failedInProgress)).isEqualTo("FAILED");
    }

    @Test
    void aPolicyNoLongerConfiguredExpiresNothingAndAnUnknownReceiverAndOldRecordsStillCount() {
        SettledHandoffs withoutPolicies = new SettledHandoffs(id -> Optional.empty(), id -> Optional.empty(), new WorkingDayCalendar());
        HandoffRecord h = ImpactFixtures.handoff("gone", "left-the-region", null, MONDAY, CANCELLED, MONDAY.plus(Duration.ofDays(60)));

        Contribution c = withoutPolicies.contribution(h).orElseThrow();

        assertThat(c.cell().outcome()).isEqualTo("CANCELLED");
        assertThat(c.cell().receiverKind()).isEqualTo("UNKNOWN");
        assertThat(c.cell().domain()).isEqualTo("NOT_RECORDED");
    }
}
