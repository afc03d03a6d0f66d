package nl.iwa.hub.handoff;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.Urgency;
import nl.iwa.hub.policy.Deadlines;

/**
 * Which step a handoff awaits next and by when, from the flow's {@link Deadlines} and the handoff's urgency.
 *
 * <ul>
 *   <li>REQUESTED, DELIVERED: RECEIVED within {@code receiptWorkingDays}</li>
 *   <li>RECEIVED: ACCEPTED (or DECLINED) within {@code acceptDeclineWorkingDays}</li>
 *   <li>ACCEPTED: IN_PROGRESS (first contact) within {@code firstContactWorkingDays}, at most 3 when THREATENING</li>
 *   <li>IN_PROGRESS and the final statuses: no deadline</li>
 * </ul>
 *
 * <p>Each deadline runs from the moment the handoff entered its current status, so DELIVERED restarts the
 * receipt clock: the receiver is not blamed for time the handoff spent on the hub's side. IN_PROGRESS has no
 * deadline because how long help takes is a professional judgement, not something the hub can police.
 * The responsible actor is always the receiver: every awaited step is the receiver's to take.
 */
public final class HandoffDeadlines {

    /** Threatening debt situations (e.g. eviction, cut-off of energy or water): first contact within 3 working days. */
    public static final int THREATENING_FIRST_CONTACT_WORKING_DAYS = 3;

    private final Deadlines policy;
    private final Urgency urgency;

    public HandoffDeadlines(Deadlines policy, Urgency urgency) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.urgency = Objects.requireNonNull(urgency, "urgency");
        if (policy.receiptWorkingDays() < 0 || policy.acceptDeclineWorkingDays() < 0 || policy.firstContactWorkingDays() < 0) {
            throw new IllegalArgumentException("deadlines must not be negative: " + policy);
        }
    }

    public Optional<AwaitedStep> next(HandoffStatus current, Instant enteredAt, WorkingDayCalendar cal) {
        return switch (current) {
            case REQUESTED, DELIVERED -> step(HandoffStatus.RECEIVED, enteredAt, policy.receiptWorkingDays(), cal);
            case RECEIVED -> step(HandoffStatus.ACCEPTED, enteredAt, policy.acceptDeclineWorkingDays(), cal);
            case ACCEPTED -> step(HandoffStatus.IN_PROGRESS, enteredAt, firstContactWorkingDays(), cal);
            case IN_PROGRESS, DECLINED, COMPLETED, CANCELLED, FAILED -> Optional.empty();
        };
    }

    // The shorter term for threatening situations is a ceiling: a policy that already promises faster contact keeps it.
    private int firstContactWorkingDays() {
        return urgency == Urgency.THREATENING
                ? Math.min(policy.firstContactWorkingDays(), THREATENING_FIRST_CONTACT_WORKING_DAYS)
                : policy.firstContactWorkingDays();
    }

    private static Optional<AwaitedStep> step(HandoffStatus awaited, Instant enteredAt, int workingDays, WorkingDayCalendar cal) {
        return Optional.of(new AwaitedStep(awaited, cal.plusWorkingDays(enteredAt, workingDays), HandoffActor.RECEIVER));
    }
}
