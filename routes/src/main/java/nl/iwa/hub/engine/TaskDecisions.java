package nl.iwa.hub.engine;

import nl.iwa.hub.intake.OutboxRecordHandler;

/** Builds the decision core and outcome writer of one decide task over its own state (the wiring knows how). */
@FunctionalInterface
public interface TaskDecisions {

    OutboxRecordHandler over(TaskState state);
}
