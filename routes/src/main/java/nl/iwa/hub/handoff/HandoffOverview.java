package nl.iwa.hub.handoff;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import nl.iwa.hub.contract.handoff.HandoffRecord;

/**
 * What ops and monitoring read of the handoffs: every handoff whose state is on the handoff topic, whichever
 * partition and hub decides it. Read-only, and current to within a commit: the decisions never read it (they
 * read their own state, {@link HandoffLookup}), so it may lag them by that much. The records it gives are for
 * reading: nobody changes them.
 */
public interface HandoffOverview {

    /** A copy of the handoff's committed state. */
    Optional<HandoffRecord> get(String handoffId);

    /**
     * Each open (not settled) handoff, one at a time: a hub may hold hundreds of thousands, so whoever counts or
     * picks from them keeps only what it needs.
     */
    void forEachOpen(java.util.function.Consumer<HandoffRecord> action);

    /** Copies of the open handoffs that match {@code filter}: for questions whose answers are few. */
    default List<HandoffRecord> openMatching(Predicate<HandoffRecord> filter) {
        List<HandoffRecord> found = new java.util.ArrayList<>();
        forEachOpen(h -> {
            if (filter.test(h)) {
                found.add(h);
            }
        });
        return found;
    }

    /** The overview is still being built (it restores from the handoff topic at start): ask again shortly. */
    final class NotReady extends RuntimeException {

        public NotReady(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
