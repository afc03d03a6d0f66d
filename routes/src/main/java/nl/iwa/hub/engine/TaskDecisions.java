package nl.iwa.hub.engine;

import nl.iwa.hub.consent.ConsentRetention;
import nl.iwa.hub.handoff.HandoffDesk;
import nl.iwa.hub.handoff.HandoffRetention;
import nl.iwa.hub.handoff.kafka.DeliveryWatch;
import nl.iwa.hub.intake.OutboxRecordHandler;
import nl.iwa.hub.outcome.OutcomeWriter;

/** Builds the decision core and outcome writer of one decide task over its own state (the wiring knows how). */
@FunctionalInterface
public interface TaskDecisions {

    Work over(TaskState state);

    /**
     * What a task works with: the handler that decides its records; the desk and writer of its handoff clock
     * (escalations of its own residents' handoffs); where its deliveries landed, and the watch that sees them consumed;
     * how long settled handoffs and ended consents stay in its stores; where the time from a partner's sentAt to its
     * delivery is measured.
     */
    record Work(OutboxRecordHandler handler, HandoffDesk desk, OutcomeWriter writer, DeliveryPositions positions,
                DeliveryWatch watch, HandoffRetention handoffRetention, ConsentRetention consentRetention,
                nl.iwa.hub.involvement.InvolvementWindow involvementWindow,
                java.util.function.Consumer<java.time.Duration> deliveryLatency) implements AutoCloseable {

        @Override
        public void close() {
            positions.close();
            watch.close();
        }
    }
}
