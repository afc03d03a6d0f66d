package nl.iwa.hub.handoff;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import nl.iwa.hub.contract.inbox.EscalationLevel;

/**
 * What to escalate for a missed deadline: a reminder to the receiver at the deadline, a notice to the sender and
 * the receiver's escalation contact one working day later, a notice to the coordinator two working days later.
 *
 * <p>The ladder is evaluated against what has already fired rather than scheduled as timers, so it is idempotent
 * and catches up: after an outage every level that has come due is returned at once, in ladder order, each once.
 * Levels are independent: a level that is due is returned even if an earlier one was never recorded as fired.
 */
public final class EscalationLadder {

    // Ladder order is the order of the delays, not of the enum's symbols, so reordering the schema cannot reorder it.
    private static final List<EscalationLevel> LADDER = Stream.of(EscalationLevel.values())
            .sorted(Comparator.comparingInt(EscalationLadder::workingDaysAfterDeadline))
            .toList();

    /**
     * The levels that are due at {@code now} and have not fired yet, in ladder order.
     *
     * @param dueAt        the missed deadline (from {@link HandoffDeadlines})
     * @param alreadyFired levels already sent for this deadline
     */
    public List<EscalationLevel> due(Instant dueAt, Instant now, Set<EscalationLevel> alreadyFired, WorkingDayCalendar cal) {
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(alreadyFired, "alreadyFired");
        List<EscalationLevel> due = new ArrayList<>();
        for (EscalationLevel level : LADDER) {
            if (!alreadyFired.contains(level) && !now.isBefore(cal.plusWorkingDays(dueAt, workingDaysAfterDeadline(level)))) {
                due.add(level);
            }
        }
        return List.copyOf(due);
    }

    /**
     * How many working days after a missed deadline the ladder's last level is due: from then on nothing more is
     * escalated for that deadline (the impact figures call a handoff that ends unfinished after it "expired").
     */
    public static int lastLevelWorkingDaysAfterDeadline() {
        return workingDaysAfterDeadline(LADDER.get(LADDER.size() - 1));
    }

    /** How many working days after the missed deadline a level is due. */
    static int workingDaysAfterDeadline(EscalationLevel level) {
        return switch (level) {
            case REMINDER_TO_RECEIVER -> 0;
            case NOTICE_TO_SENDER_AND_ESCALATION_CONTACT -> 1;
            case NOTICE_TO_COORDINATOR -> 2;
        };
    }
}
