package nl.iwa.hub.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.handoff.HandoffState;
import nl.iwa.hub.handoff.HandoffTransitions;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The handoffs of one decide task's residents, in its stores: by handoff id, and an index by the request that
 * started each (sender and message id), so involvement can ask whether a flow's handoff is still open without a
 * scan. Staged states are seen at once and go into the stores when the decision's records are forwarded.
 */
final class StoredHandoffs implements HandoffState {

    private final KeyValueStore<String, HandoffRecord> byId;
    private final KeyValueStore<String, String> byRequest;
    private final KeyValueStore<String, String> byDue;
    private final Map<String, HandoffRecord> staged = new HashMap<>();

    /**
     * @param byDue the open handoffs that await a step, by when it is due ({@code <due millis>␟<handoffId>}): the
     *              clock reads only what is due instead of every handoff of the partition
     */
    StoredHandoffs(KeyValueStore<String, HandoffRecord> byId, KeyValueStore<String, String> byRequest,
                   KeyValueStore<String, String> byDue) {
        this.byId = byId;
        this.byRequest = byRequest;
        this.byDue = byDue;
    }

    @Override
    public List<HandoffRecord> dueBy(java.time.Instant now) {
        List<HandoffRecord> due = new ArrayList<>();
        // keys sort by due time: from the start up to the first one past now
        try (KeyValueIterator<String, String> it = byDue.range(StoreKeys.time(java.time.Instant.EPOCH),
                StoreKeys.of(StoreKeys.time(now), "\uffff"))) {
            it.forEachRemaining(kv -> get(kv.value).filter(r -> !HandoffTransitions.isTerminal(r.getStatus())
                    && r.getDueAt() != null && r.getAwaitedStatus() != null && !now.isBefore(r.getDueAt())).ifPresent(due::add));
        }
        return due;
    }

    @Override
    public Optional<HandoffRecord> get(String handoffId) {
        HandoffRecord r = staged.containsKey(handoffId) ? staged.get(handoffId) : byId.get(handoffId);
        // a copy: a decision may change it, and only what it writes may count
        return r == null ? Optional.empty() : Optional.of(HandoffRecord.newBuilder(r).build());
    }

    /** Open handoffs matching {@code filter}: a scan of this task's handoffs (the clock's question, not a decision's). */
    @Override
    public List<HandoffRecord> openMatching(Predicate<HandoffRecord> filter) {
        List<HandoffRecord> found = new ArrayList<>();
        try (KeyValueIterator<String, HandoffRecord> all = byId.all()) {
            all.forEachRemaining(kv -> {
                HandoffRecord r = staged.getOrDefault(kv.key, kv.value);
                if (!HandoffTransitions.isTerminal(r.getStatus()) && filter.test(r)) {
                    found.add(HandoffRecord.newBuilder(r).build());
                }
            });
        }
        return found;
    }

    /** Whether the handoff that {@code sender}'s message {@code requestMessageId} requested is still open. */
    boolean openByRequest(String sender, String requestMessageId) {
        String handoffId = byRequest.get(StoreKeys.of(sender, requestMessageId));
        return handoffId != null && get(handoffId).map(r -> !HandoffTransitions.isTerminal(r.getStatus())).orElse(false);
    }

    @Override
    public void stage(HandoffRecord record) {
        staged.put(record.getHandoffId(), record);
    }

    @Override
    public void put(HandoffRecord record) {
        staged.remove(record.getHandoffId());
        HandoffRecord before = byId.get(record.getHandoffId());
        if (before != null && before.getDueAt() != null) {
            byDue.delete(dueKey(before));
        }
        if (record.getDueAt() != null && record.getAwaitedStatus() != null && !HandoffTransitions.isTerminal(record.getStatus())) {
            byDue.put(dueKey(record), record.getHandoffId());
        }
        byId.put(record.getHandoffId(), HandoffRecord.newBuilder(record).build());
        if (record.getRequestMessageId() != null) {
            byRequest.put(StoreKeys.of(record.getSenderPartnerId(), record.getRequestMessageId()), record.getHandoffId());
        }
    }

    @Override
    public void remove(String handoffId) {
        staged.remove(handoffId);
        HandoffRecord gone = byId.delete(handoffId);
        if (gone != null && gone.getDueAt() != null) {
            byDue.delete(dueKey(gone));
        }
        if (gone != null && gone.getRequestMessageId() != null) {
            byRequest.delete(StoreKeys.of(gone.getSenderPartnerId(), gone.getRequestMessageId()));
        }
    }

    private static String dueKey(HandoffRecord r) {
        return StoreKeys.of(StoreKeys.time(r.getDueAt()), r.getHandoffId());
    }

    void discardStaged() {
        staged.clear();
    }
}
