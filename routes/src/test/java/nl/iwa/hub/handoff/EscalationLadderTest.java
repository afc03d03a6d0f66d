package nl.iwa.hub.handoff;

import static nl.iwa.hub.contract.inbox.EscalationLevel.NOTICE_TO_COORDINATOR;
import static nl.iwa.hub.contract.inbox.EscalationLevel.NOTICE_TO_SENDER_AND_ESCALATION_CONTACT;
import static nl.iwa.hub.contract.inbox.EscalationLevel.REMINDER_TO_RECEIVER;
import static nl.iwa.hub.handoff.WorkingDayCalendarTest.amsterdam;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import nl.iwa.hub.contract.inbox.EscalationLevel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The escalation ladder: which levels are due, in order, each once. */
class EscalationLadderTest {

    static final WorkingDayCalendar CAL = new WorkingDayCalendar();
    /** Thursday 15 January 2026, 10:00: the notice falls on Friday, the coordinator on Monday. */
    static final Instant DUE = amsterdam("2026-01-15T10:00");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("not yet due", "2026-01-15T09:59:59", Set.of(), List.of()),
                Arguments.of("exactly at the deadline", "2026-01-15T10:00", Set.of(), List.of(REMINDER_TO_RECEIVER)),
                Arguments.of("reminder already sent", "2026-01-15T10:00", Set.of(REMINDER_TO_RECEIVER), List.of()),
                Arguments.of("just before the notice", "2026-01-16T09:59:59", Set.of(REMINDER_TO_RECEIVER), List.of()),
                Arguments.of("one working day late", "2026-01-16T10:00", Set.of(REMINDER_TO_RECEIVER),
                        List.of(NOTICE_TO_SENDER_AND_ESCALATION_CONTACT)),
                Arguments.of("the weekend does not count", "2026-01-18T23:00", Set.of(REMINDER_TO_RECEIVER,
                        NOTICE_TO_SENDER_AND_ESCALATION_CONTACT), List.of()),
                Arguments.of("two working days late", "2026-01-19T10:00", Set.of(REMINDER_TO_RECEIVER,
                        NOTICE_TO_SENDER_AND_ESCALATION_CONTACT), List.of(NOTICE_TO_COORDINATOR)),
                Arguments.of("a week late, nothing fired: all, in order", "2026-01-22T10:00", Set.of(),
                        List.of(REMINDER_TO_RECEIVER, NOTICE_TO_SENDER_AND_ESCALATION_CONTACT, NOTICE_TO_COORDINATOR)),
                Arguments.of("a week late, the reminder fired", "2026-01-22T10:00", Set.of(REMINDER_TO_RECEIVER),
                        List.of(NOTICE_TO_SENDER_AND_ESCALATION_CONTACT, NOTICE_TO_COORDINATOR)),
                Arguments.of("a week late, only the notice recorded", "2026-01-22T10:00",
                        Set.of(NOTICE_TO_SENDER_AND_ESCALATION_CONTACT), List.of(REMINDER_TO_RECEIVER, NOTICE_TO_COORDINATOR)),
                Arguments.of("a week late, all fired", "2026-01-22T10:00", Set.of(EscalationLevel.values()), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void returnsTheDueLevelsNotYetFiredInLadderOrder(String name, String now, Set<EscalationLevel> fired,
                                                     List<EscalationLevel> expected) {
        assertThat(new EscalationLadder().due(DUE, amsterdam(now), fired, CAL)).containsExactlyElementsOf(expected);
    }
}
