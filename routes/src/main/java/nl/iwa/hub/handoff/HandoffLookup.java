package nl.iwa.hub.handoff;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import nl.iwa.hub.contract.handoff.HandoffRecord;

/**
 * What the handoff desk reads of the handoffs' state: the store of the resident's partition of the decide topology
 * answers (docs/engine-design.md).
 */
public interface HandoffLookup {

    /** A copy of the handoff's current state (including a state written in the open transaction). */
    Optional<HandoffRecord> get(String handoffId);

    /** Copies of the open handoffs that match {@code filter}. */
    List<HandoffRecord> openMatching(Predicate<HandoffRecord> filter);

    /** Where the delivery of a handoff awaiting consumption landed on its receiver's inbox. */
    record PlacedDelivery(String handoffId, String receiverPartnerId, int partition, long offset) {

        /** Where a placed handoff's delivery landed, as its record tells. */
        public static PlacedDelivery of(HandoffRecord placed) {
            return new PlacedDelivery(placed.getHandoffId(), placed.getReceiverPartnerId(), placed.getDeliveredPartition(),
                    placed.getDeliveredOffset());
        }
    }

    /**
     * Copies of the handoffs whose delivery awaits consumption (REQUESTED, its place on the inbox known) for which
     * {@code consumed} holds: the delivery watch's question, asked every few seconds of every such handoff.
     */
    default List<HandoffRecord> placedMatching(Predicate<PlacedDelivery> consumed) {
        return openMatching(r -> r.getStatus() == nl.iwa.hub.contract.common.HandoffStatus.REQUESTED && r.getDeliveredOffset() != null
                && consumed.test(PlacedDelivery.of(r)));
    }

    /** Copies of the open handoffs whose awaited step was due at or before {@code now}: the clock's question. */
    default List<HandoffRecord> dueBy(java.time.Instant now) {
        return openMatching(r -> r.getDueAt() != null && r.getAwaitedStatus() != null && !now.isBefore(r.getDueAt()));
    }
}
