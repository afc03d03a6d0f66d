package nl.iwa.hub.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.handoff.HandoffLookup.PlacedDelivery;
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
    private final KeyValueStore<String, String> unplaced;
    private final KeyValueStore<String, String> placed;
    private final Map<String, HandoffRecord> staged = new HashMap<>();

    /**
     * @param byDue the open handoffs that await a step, by when it is due ({@code <due millis>␟<handoffId>}): the
     *              clock reads only what is due instead of every handoff of the partition
     */
    StoredHandoffs(KeyValueStore<String, HandoffRecord> byId, KeyValueStore<String, String> byRequest,
                   KeyValueStore<String, String> byDue) {
        this(byId, byRequest, byDue, null, null);
    }

    /**
     * @param unplaced requested handoffs whose delivery's place on the inbox is not known yet: handoff id to
     *                 when the delivery was forwarded (epoch millis; values written before 2026-12 carry the decide
     *                 offset of the request in front, {@code <offset>|<millis>}, and read the same)
     * @param placed   requested handoffs whose delivery's place is known, until the receiver's group consumed it: handoff
     *                 id to {@code <receiver>|<inbox partition>|<offset>}
     */
    StoredHandoffs(KeyValueStore<String, HandoffRecord> byId, KeyValueStore<String, String> byRequest,
                   KeyValueStore<String, String> byDue, KeyValueStore<String, String> unplaced,
                   KeyValueStore<String, String> placed) {
        this.byId = byId;
        this.byRequest = byRequest;
        this.byDue = byDue;
        this.unplaced = unplaced;
        this.placed = placed;
    }

    /** A handoff's delivery was forwarded at {@code forwardedAt} (epoch millis); where on the inbox is not known yet. */
    void deliveredUnplaced(String handoffId, long forwardedAt) {
        unplaced.put(handoffId, Long.toString(forwardedAt));
    }

    /** A delivery not placed yet: its handoff, and when it was forwarded (the delivery is sought from there). */
    record Unplaced(HandoffRecord handoff, long forwardedAt) {
    }

    /** The deliveries not placed yet (those of handoffs no longer awaiting delivery are dropped on the way). */
    List<Unplaced> unplaced() {
        List<Unplaced> out = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        try (KeyValueIterator<String, String> it = unplaced.all()) {
            it.forEachRemaining(kv -> {
                Optional<HandoffRecord> h = get(kv.key).filter(r -> r.getStatus() == nl.iwa.hub.contract.common.HandoffStatus.REQUESTED);
                if (h.isEmpty()) {
                    gone.add(kv.key);
                    return;
                }
                out.add(new Unplaced(h.get(), forwardedAt(kv.value)));
            });
        }
        gone.forEach(unplaced::delete);
        return out;
    }

    private static long forwardedAt(String unplacedValue) {
        return Long.parseLong(unplacedValue.substring(unplacedValue.lastIndexOf('|') + 1));
    }

    /** The delivery was found at {@code partition}/{@code offset} of the receiver's inbox. */
    void place(String handoffId, int partition, long offset) {
        unplaced.delete(handoffId);
        get(handoffId).filter(r -> r.getStatus() == nl.iwa.hub.contract.common.HandoffStatus.REQUESTED).ifPresent(r -> {
            r.setDeliveredPartition(partition);
            r.setDeliveredOffset(offset);
            put(r);
            placed.put(handoffId, PlacedValue.of(r.getReceiverPartnerId(), partition, offset));
        });
    }

    /**
     * The handoffs whose placed delivery awaits consumption, as the delivery watch reads them; those no longer
     * awaiting it leave the index on the way.
     */
    nl.iwa.hub.handoff.HandoffLookup awaitingConsumption() {
        StoredHandoffs all = this;
        return new nl.iwa.hub.handoff.HandoffLookup() {
            @Override
            public Optional<HandoffRecord> get(String handoffId) {
                return all.get(handoffId);
            }

            @Override
            public List<HandoffRecord> openMatching(Predicate<HandoffRecord> filter) {
                return all.placedMatching(d -> true).stream().filter(filter).toList();
            }

            @Override
            public List<HandoffRecord> placedMatching(Predicate<PlacedDelivery> consumed) {
                return all.placedMatching(consumed);
            }
        };
    }

    /**
     * The placed deliveries whose handoff still awaits consumption and which {@code consumed} picks. The index holds
     * each delivery's receiver and place, so only a picked one's handoff is read: a receiver that does not read its
     * inbox for weeks leaves many deliveries waiting, and the watch asks about all of them every few seconds.
     */
    @Override
    public List<HandoffRecord> placedMatching(Predicate<PlacedDelivery> consumed) {
        List<HandoffRecord> found = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        try (KeyValueIterator<String, String> it = placed.all()) {
            it.forEachRemaining(kv -> {
                PlacedDelivery where = PlacedValue.parse(kv.key, kv.value);
                if (where != null && !consumed.test(where)) {
                    return;
                }
                Optional<HandoffRecord> h = get(kv.key).filter(r -> r.getStatus() == nl.iwa.hub.contract.common.HandoffStatus.REQUESTED
                        && r.getDeliveredOffset() != null);
                if (h.isEmpty()) {
                    gone.add(kv.key);
                } else if (where != null || consumed.test(PlacedDelivery.of(h.get()))) {
                    found.add(h.get());
                }
            });
        }
        gone.forEach(placed::delete);
        return found;
    }

    /** The placed index's value: {@code <receiver>|<partition>|<offset>} (empty in stores written before it held them). */
    private static final class PlacedValue {

        static String of(String receiver, int partition, long offset) {
            return receiver + "|" + partition + "|" + offset;
        }

        static PlacedDelivery parse(String handoffId, String value) {
            String[] parts = value == null ? new String[0] : value.split("\\|");
            return parts.length == 3 ? new PlacedDelivery(handoffId, parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2])) : null;
        }
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

    /** The stored handoffs that match {@code filter}, open or settled (the retention's question). */
    List<HandoffRecord> matching(Predicate<HandoffRecord> filter) {
        List<HandoffRecord> found = new ArrayList<>();
        try (KeyValueIterator<String, HandoffRecord> all = byId.all()) {
            all.forEachRemaining(kv -> {
                if (filter.test(kv.value)) {
                    found.add(HandoffRecord.newBuilder(kv.value).build());
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
        if (before != null && before.getStatus() == nl.iwa.hub.contract.common.HandoffStatus.REQUESTED
                && before.getDeliveredOffset() != null && record.getStatus() != nl.iwa.hub.contract.common.HandoffStatus.REQUESTED) {
            placed.delete(record.getHandoffId()); // no longer awaiting consumption: out of the watch's index
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
