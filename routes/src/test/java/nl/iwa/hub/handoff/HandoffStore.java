package nl.iwa.hub.handoff;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import nl.iwa.hub.contract.handoff.HandoffRecord;

/**
 * Every handoff's current state on the heap: the state the decision core's tests decide against (the hub keeps it in
 * the decide topology's stores). It was the classic engine's, hence the staging until a transaction commits.
 */
public final class HandoffStore implements HandoffState {

    private final Map<String, HandoffRecord> byId = new ConcurrentHashMap<>();
    /** States written in the open transaction: later decisions of the same batch build on them. */
    private final Map<String, HandoffRecord> staged = new ConcurrentHashMap<>();

    /**
     * A copy, so a decision can change it and only the written result is put back. A state written in the open
     * transaction counts: the next decision of the same batch must see it.
     */
    @Override
    public Optional<HandoffRecord> get(String handoffId) {
        HandoffRecord r = staged.getOrDefault(handoffId, byId.get(handoffId));
        return r == null ? Optional.empty() : Optional.of(HandoffRecord.newBuilder(r).build());
    }

    /** A state being written in the open transaction: seen by {@link #get}, not yet by the queries. */
    @Override
    public void stage(HandoffRecord record) {
        staged.put(record.getHandoffId(), record);
    }

    /** The transaction ended: nothing stays staged (what committed is {@link #put} right after). */
    public void clearStaged() {
        staged.clear();
    }

    /** A state whose transaction committed. */
    @Override
    public void put(HandoffRecord record) {
        byId.put(record.getHandoffId(), HandoffRecord.newBuilder(record).build());
    }

    /** A handoff gone from the compacted topic (a tombstone). */
    @Override
    public void remove(String handoffId) {
        byId.remove(handoffId);
    }

    public int size() {
        return byId.size();
    }

    /**
     * Copies of the open handoffs that match {@code filter}. The filter sees the stored records (it must not
     * change them) so that only the matches are copied: the hub's clock looks through every open handoff every
     * few seconds, and there may be many.
     */
    @Override
    public List<HandoffRecord> openMatching(java.util.function.Predicate<HandoffRecord> filter) {
        return byId.values().stream().filter(r -> !HandoffTransitions.isTerminal(r.getStatus())).filter(filter)
                .map(r -> HandoffRecord.newBuilder(r).build()).toList();
    }

    /** Each open handoff as stored, for counting and picking: {@code action} must not change it. */
    public void forEachOpen(java.util.function.Consumer<HandoffRecord> action) {
        byId.values().stream().filter(r -> !HandoffTransitions.isTerminal(r.getStatus())).forEach(action);
    }

    public List<HandoffRecord> open() {
        return byId.values().stream().filter(r -> !HandoffTransitions.isTerminal(r.getStatus()))
                .map(r -> HandoffRecord.newBuilder(r).build()).toList();
    }

    public Collection<HandoffRecord> all() {
        return byId.values().stream().map(r -> HandoffRecord.newBuilder(r).build()).toList();
    }
}
