package nl.iwa.hub.engine;

import nl.iwa.hub.handoff.HandoffDesk;
import nl.iwa.hub.intake.OutboxRecordHandler;
import nl.iwa.hub.outcome.OutcomeWriter;

/** Builds the decision core and outcome writer of one decide task over its own state (the wiring knows how). */
@FunctionalInterface
public interface TaskDecisions {

    Work over(TaskState state);

    /**
     * What a task works with: the handler that decides its records, and the desk and writer of its handoff clock
     * (escalations of its own residents' handoffs).
     */
    record Work(OutboxRecordHandler handler, HandoffDesk desk, OutcomeWriter writer) {
    }
}
