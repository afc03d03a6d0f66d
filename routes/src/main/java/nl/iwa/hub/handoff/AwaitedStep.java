package nl.iwa.hub.handoff;

import java.time.Instant;
import nl.iwa.hub.contract.common.HandoffStatus;

/**
 * The next step a handoff is waiting for and its deadline.
 *
 * @param awaitedStatus the status that should be reached (ACCEPTED also stands for DECLINED: either answers)
 * @param dueAt         when it is due; the escalation ladder starts here
 * @param responsible   who has to take the step
 */
public record AwaitedStep(HandoffStatus awaitedStatus, Instant dueAt, HandoffActor responsible) {
}
