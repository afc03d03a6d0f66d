package nl.iwa.hub.handoff;

import nl.iwa.hub.contract.handoff.HandoffRecord;

/**
 * The handoffs as the outcome writer keeps them: what the desk reads, and the states a decision writes.
 * The decide topology keeps them in its task's store ({@code StoredHandoffs}), where a write is part of the task's
 * transaction at once.
 */
public interface HandoffState extends HandoffLookup {

    /** A state written in the open transaction: seen by {@link #get} from now on. */
    void stage(HandoffRecord record);

    /** The state's transaction committed. */
    void put(HandoffRecord record);

    /** The handoff left the working state (settled, its retention over). */
    void remove(String handoffId);
}
