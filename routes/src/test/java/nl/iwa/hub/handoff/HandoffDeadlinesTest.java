package nl.iwa.hub.handoff;

import static nl.iwa.hub.handoff.WorkingDayCalendarTest.amsterdam;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.Urgency;
import nl.iwa.hub.policy.Deadlines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The step a handoff awaits and its deadline, per status, policy and urgency. */
class HandoffDeadlinesTest {

    static final WorkingDayCalendar CAL = new WorkingDayCalendar();
    /** Monday 12 January 2026, 10:00 Amsterdam time; no holidays in the following weeks. */
    static final Instant ENTERED = amsterdam("2026-01-12T10:00");

    @ParameterizedTest(name = "{0} with {1}: awaits {2} by {3}")
    @CsvSource({
            // the design's defaults: receipt 1, accept/decline 3, first contact 5 (3 when threatening)
            "REQUESTED,   NORMAL,      RECEIVED,    2026-01-13T10:00",
            "DELIVERED,   NORMAL,      RECEIVED,    2026-01-13T10:00",
            "RECEIVED,    NORMAL,      ACCEPTED,    2026-01-15T10:00",
            "ACCEPTED,    NORMAL,      IN_PROGRESS, 2026-01-19T10:00",
            "ACCEPTED,    HIGH,        IN_PROGRESS, 2026-01-19T10:00",
            "ACCEPTED,    THREATENING, IN_PROGRESS, 2026-01-15T10:00",
            "DELIVERED,   THREATENING, RECEIVED,    2026-01-13T10:00",
            "RECEIVED,    THREATENING, ACCEPTED,    2026-01-15T10:00"})
    void awaitsTheNextStepWithinTheDefaultDeadlines(HandoffStatus current, Urgency urgency, HandoffStatus awaited, String due) {
        Optional<AwaitedStep> step = new HandoffDeadlines(Deadlines.DEFAULT, urgency).next(current, ENTERED, CAL);

        assertThat(step).contains(new AwaitedStep(awaited, amsterdam(due), HandoffActor.RECEIVER));
    }

    @ParameterizedTest
    @EnumSource(value = HandoffStatus.class, names = {"IN_PROGRESS", "DECLINED", "COMPLETED", "CANCELLED", "FAILED"})
    void nothingIsAwaitedOnceWorkHasStartedOrEnded(HandoffStatus current) {
        assertThat(new HandoffDeadlines(Deadlines.DEFAULT, Urgency.THREATENING).next(current, ENTERED, CAL)).isEmpty();
    }

    @ParameterizedTest(name = "policy first contact {0}, {1}: {2} working days")
    @CsvSource({
            "10, NORMAL,      10",
            "10, THREATENING, 3",
            "2,  NORMAL,      2",
            "2,  THREATENING, 2",   // a policy already faster than 3 days keeps its own term
            "3,  THREATENING, 3"})
    void threateningSituationsGetFirstContactWithinThreeWorkingDaysAtMost(int policyDays, Urgency urgency, int expectedDays) {
        HandoffDeadlines deadlines = new HandoffDeadlines(new Deadlines(2, 4, policyDays), urgency);

        assertThat(deadlines.next(HandoffStatus.ACCEPTED, ENTERED, CAL).map(AwaitedStep::dueAt))
                .contains(CAL.plusWorkingDays(ENTERED, expectedDays));
    }

    @Test
    void usesThePolicysOwnTerms() {
        HandoffDeadlines deadlines = new HandoffDeadlines(new Deadlines(2, 4, 10), Urgency.NORMAL);

        assertThat(deadlines.next(HandoffStatus.DELIVERED, ENTERED, CAL).map(AwaitedStep::dueAt))
                .contains(amsterdam("2026-01-14T10:00"));
        assertThat(deadlines.next(HandoffStatus.RECEIVED, ENTERED, CAL).map(AwaitedStep::dueAt))
                .contains(amsterdam("2026-01-16T10:00"));
    }

    @Test
    void deadlinesSkipHolidays() {
        // Given a handoff received on the Thursday before Easter 2026
        Instant thursday = amsterdam("2026-04-02T16:00");

        // When the receiver has 3 working days to accept or decline
        Optional<AwaitedStep> step = new HandoffDeadlines(Deadlines.DEFAULT, Urgency.NORMAL)
                .next(HandoffStatus.RECEIVED, thursday, CAL);

        // Then Good Friday and Easter Monday do not count: Tuesday, Wednesday, Thursday
        assertThat(step.map(AwaitedStep::dueAt)).contains(amsterdam("2026-04-09T16:00"));
    }

    @Test
    void refusesANegativePolicy() {
        assertThatThrownBy(() -> new HandoffDeadlines(new Deadlines(1, -1, 5), Urgency.NORMAL))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
