package nl.iwa.hub.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import nl.iwa.hub.transport.MessageIds;
import nl.iwa.hub.transport.Outbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock of one decide task's residents, on whichever hub runs the task now: the delivery watch, escalations of
 * missed deadlines, and state retention. Each beat's records go to the task's {@code write} (forwarded in its
 * transaction, their state kept in its stores).
 */
final class TaskClock {

    static final int MOST_RETIRED_PER_RUN = 2_000;
    private static final Logger log = LoggerFactory.getLogger(TaskClock.class);

    private final int partition;
    private final TaskDecisions.Work work;
    private final StoredConsents consents;
    private final StoredHandoffs handoffs;
    private final StoredInvolvement involvement;
    private final Function<String, String> inboxOf;
    private final Clock clock;
    private final Consumer<List<Outbound>> write;

    TaskClock(int partition, TaskDecisions.Work work, StoredConsents consents, StoredHandoffs handoffs, StoredInvolvement involvement,
              Function<String, String> inboxOf, Clock clock, Consumer<List<Outbound>> write) {
        this.partition = partition;
        this.work = work;
        this.consents = consents;
        this.handoffs = handoffs;
        this.involvement = involvement;
        this.inboxOf = inboxOf;
        this.clock = clock;
        this.write = write;
    }

    /** The handoff clock's beat: deliveries consumed, then deadlines missed. */
    void beat() {
        watchDeliveries();
        escalate();
    }

    /**
     * Deliveries of this task's handoffs that the receiver consumed: placed on the inbox once their transaction
     * committed ({@link DeliveryPositions}), then watched until the receiver's group has consumed them, each moved to DELIVERED.
     *
     * <p>Both steps ask the broker through the hub's own clients, outside the task's transaction. When one of them
     * fails (a timeout under load, a broker away) the next beat tries again. Such an error must not leave the
     * punctuation: under exactly-once Kafka Streams takes a timeout there for a corrupted task and re-initialises it,
     * and in a two-hub benchmark that recovery delivered 35 messages twice.
     */
    private void watchDeliveries() {
        List<StoredHandoffs.Unplaced> unplaced = handoffs.unplaced();
        if (!unplaced.isEmpty()) {
            List<DeliveryPositions.Sought> sought = unplaced.stream()
                    .map(u -> new DeliveryPositions.Sought(u.handoff().getHandoffId(), inboxOf.apply(u.handoff().getReceiverPartnerId()),
                            u.handoff().getCorrelationId(), MessageIds.delivery(u.handoff().getSenderPartnerId(),
                            u.handoff().getRequestMessageId(), u.handoff().getReceiverPartnerId()), u.forwardedAt()))
                    .toList();
            Optional<Map<String, DeliveryPositions.Placed>> placed = askingTheBroker(partition, "placing deliveries",
                    () -> work.positions().place(sought));
            if (placed.isEmpty()) {
                return;
            }
            placed.get().forEach((id, at) -> handoffs.place(id, at.partition(), at.offset()));
        }
        askingTheBroker(partition, "the delivery watch", () -> work.watch().check()).filter(consumed -> !consumed.isEmpty())
                .ifPresent(consumed -> write.accept(work.writer().observed(consumed)));
    }

    /** Missed deadlines of this task's handoffs: the notices, the state that records them, their audit. */
    private void escalate() {
        var due = work.desk().escalations();
        if (!due.isEmpty()) {
            write.accept(work.writer().escalated(due));
        }
    }

    /**
     * Involvement flows past their window are forgotten, and settled handoffs and ended consents past their policy's
     * retention leave the stores and the compacted state topics (tombstones), oldest first, at most
     * {@value #MOST_RETIRED_PER_RUN} per run; the trail keeps their history.
     */
    void retire() {
        Instant now = clock.instant();
        // flows past their window that no open handoff keeps: no one is involved by them any more
        involvement.forget(flow -> work.involvementWindow().forgettable(flow, now, involvement));
        var settled = handoffs.matching(h -> work.handoffRetention().expired(h, now)).stream()
                .sorted(Comparator.comparing(h -> work.handoffRetention().leavesAt(h).orElseThrow()))
                .limit(MOST_RETIRED_PER_RUN).toList();
        var ended = consents.matching(c -> work.consentRetention().expired(c, now)).stream()
                .sorted(Comparator.comparing(c -> work.consentRetention().leavesAt(c).orElseThrow()))
                .limit(Math.max(0, MOST_RETIRED_PER_RUN - settled.size())).toList();
        if (settled.isEmpty() && ended.isEmpty()) {
            return;
        }
        log.info("retention in decide task {}: {} settled handoffs and {} ended consents leave the working state", partition,
                settled.size(), ended.size());
        write.accept(work.writer().retired(settled, ended));
    }

    /**
     * A question to the broker through the hub's own clients, from a punctuation of task {@code partition}; empty
     * when it failed and the next beat should ask again.
     */
    static <T> Optional<T> askingTheBroker(int partition, String what, BrokerQuestion<T> question) {
        try {
            return Optional.of(question.ask());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | org.apache.kafka.common.errors.ApiException e) {
            // ApiException: what the clients themselves throw (a timeout, an authorisation error); not Streams' own
            // exceptions (StreamsException and its kin), which must reach Streams
            log.warn("{} of decide task {}: {}; trying again at the next beat", what, partition, e.getClass().getSimpleName());
        }
        return Optional.empty();
    }

    @FunctionalInterface
    interface BrokerQuestion<T> {
        T ask() throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException;
    }
}
