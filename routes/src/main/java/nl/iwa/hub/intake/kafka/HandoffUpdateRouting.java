package nl.iwa.hub.intake.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a status update to the resident its handoff is about (docs/engine-design.md, "Routing a status update").
 * A {@code HandoffUpdate} names only its handoff, so the re-keying step puts it on the handoff-updates topic keyed
 * by handoff id; here it meets the handoffs topic (same key, same partition count, so both land in one task) and
 * goes on to the decide topic keyed by the pseudonym of the handoff's resident, behind the request it follows.
 *
 * <p>An update whose handoff is not known yet (a sender cancels right after requesting, and the request's outcome
 * is not committed yet) waits, in arrival order, until the handoff's first record arrives; that record is written
 * in the transaction that decided the request, so the update is always decided after it. After {@code maxWait}
 * without it (the id names no handoff, or its request was refused) the update goes on keyed by its handoff id, and
 * the decide step answers it as any update for an unknown handoff. The wait is kept in a store with a changelog,
 * so a crash neither loses nor releases a waiting update early.
 *
 * <p>The route store holds handoff id to pseudonym only; a handoff's tombstone (its retention passed) removes it.
 */
public final class HandoffUpdateRouting {

    static final String UPDATES = "handoff-updates";
    static final String HANDOFFS = "handoffs";
    static final String ROUTE_UPDATES = "route-updates";
    static final String LEARN_ROUTES = "learn-routes";
    static final String TO_DECIDE = "routed-to-decide";
    static final String ROUTES = "handoff-routes";
    static final String WAITING = "waiting-handoff-updates";

    private static final Logger log = LoggerFactory.getLogger(HandoffUpdateRouting.class);

    private HandoffUpdateRouting() {
    }

    /**
     * @param pseudonymOf the resident's pseudonym in a handoffs-topic record, empty if it cannot be read
     * @param maxWait     how long an update waits for its handoff before it is decided without it
     */
    public static Topology build(String handoffUpdatesTopic, String handoffsTopic, String decideTopic,
                                 BiFunction<String, byte[], Optional<String>> pseudonymOf, Duration maxWait) {
        Topology t = new Topology();
        addTo(t, handoffUpdatesTopic, handoffsTopic, decideTopic, pseudonymOf, maxWait);
        return t;
    }

    /** Adds the routing to a topology that may hold other steps (the hub's intake runs it beside the re-keying). */
    public static void addTo(Topology t, String handoffUpdatesTopic, String handoffsTopic, String decideTopic,
                             BiFunction<String, byte[], Optional<String>> pseudonymOf, Duration maxWait) {
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("an update's wait for its handoff must be positive, was " + maxWait);
        }
        t.addSource(UPDATES, new StringDeserializer(), new ByteArrayDeserializer(), handoffUpdatesTopic);
        t.addSource(HANDOFFS, new StringDeserializer(), new ByteArrayDeserializer(), handoffsTopic);
        t.addProcessor(ROUTE_UPDATES, () -> new RouteUpdate(maxWait), UPDATES);
        t.addProcessor(LEARN_ROUTES, () -> new LearnRoute(pseudonymOf), HANDOFFS);
        t.addSink(TO_DECIDE, decideTopic, new StringSerializer(), new ByteArraySerializer(), ROUTE_UPDATES, LEARN_ROUTES);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ROUTES), Serdes.String(), Serdes.String()),
                ROUTE_UPDATES, LEARN_ROUTES);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WAITING), Serdes.String(), Serdes.ByteArray()),
                ROUTE_UPDATES, LEARN_ROUTES);
    }

    /** A quarter of the wait, at most 5 s: an overdue update goes on at most that late. */
    static Duration checkEvery(Duration maxWait) {
        Duration quarter = maxWait.dividedBy(4);
        if (quarter.compareTo(Duration.ofSeconds(5)) > 0) {
            return Duration.ofSeconds(5);
        }
        // Streams schedules in whole milliseconds, at least one
        return quarter.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : quarter;
    }

    /** Sends a handoff's waiting updates on under {@code key}, in arrival order, and stops keeping them. */
    private static void release(ProcessorContext<String, byte[]> context, KeyValueStore<String, byte[]> waiting,
                                String handoffId, List<WaitingUpdates.Waiting> updates, String key, long now) {
        for (WaitingUpdates.Waiting w : updates) {
            context.forward(new Record<>(key, w.value(), now, w.headers()));
        }
        waiting.delete(handoffId);
    }

    /** Sends an update on to its resident, or keeps it until its handoff is known or its wait is over. */
    static final class RouteUpdate implements Processor<String, byte[], String, byte[]> {

        private final Duration maxWait;
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, String> routes;
        private KeyValueStore<String, byte[]> waiting;

        RouteUpdate(Duration maxWait) {
            this.maxWait = maxWait;
        }

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.routes = context.getStateStore(ROUTES);
            this.waiting = context.getStateStore(WAITING);
            context.schedule(checkEvery(maxWait), PunctuationType.WALL_CLOCK_TIME, this::releaseOverdue);
        }

        @Override
        public void process(Record<String, byte[]> update) {
            String handoffId = update.key();
            if (handoffId == null) {
                // the re-keying step always keys an update; a keyless one was not written by it
                log.warn("handoff routing: skipped an update without a handoff id");
                return;
            }
            String pseudonym = routes.get(handoffId);
            byte[] queued = waiting.get(handoffId);
            if (pseudonym != null && queued == null) {
                context.forward(update.withKey(pseudonym));
                return;
            }
            List<WaitingUpdates.Waiting> list = new ArrayList<>(WaitingUpdates.read(queued));
            list.add(new WaitingUpdates.Waiting(context.currentSystemTimeMs(), update.headers(), update.value()));
            waiting.put(handoffId, WaitingUpdates.write(list));
        }

        /** Updates whose handoff did not appear within the wait go on under their handoff id, in arrival order. */
        private void releaseOverdue(long now) {
            // collected first: the store is not changed while it is iterated
            Map<String, List<WaitingUpdates.Waiting>> overdue = new LinkedHashMap<>();
            try (KeyValueIterator<String, byte[]> all = waiting.all()) {
                while (all.hasNext()) {
                    KeyValue<String, byte[]> e = all.next();
                    List<WaitingUpdates.Waiting> list = WaitingUpdates.read(e.value);
                    if (!list.isEmpty() && now - list.get(0).arrivedAt() >= maxWait.toMillis()) {
                        overdue.put(e.key, list);
                    }
                }
            }
            overdue.forEach((handoffId, list) -> release(context, waiting, handoffId, list, handoffId, now));
        }
    }

    /** Keeps the handoff-to-resident routes from the handoffs topic, and releases the updates that waited for one. */
    static final class LearnRoute implements Processor<String, byte[], String, byte[]> {

        private final BiFunction<String, byte[], Optional<String>> pseudonymOf;
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, String> routes;
        private KeyValueStore<String, byte[]> waiting;

        LearnRoute(BiFunction<String, byte[], Optional<String>> pseudonymOf) {
            this.pseudonymOf = pseudonymOf;
        }

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.routes = context.getStateStore(ROUTES);
            this.waiting = context.getStateStore(WAITING);
        }

        @Override
        public void process(Record<String, byte[]> handoff) {
            String handoffId = handoff.key();
            if (handoffId == null) {
                return;
            }
            if (handoff.value() == null) {
                routes.delete(handoffId); // retired after its retention: later updates find no handoff, as in the decide step
                return;
            }
            if (routes.get(handoffId) != null) {
                return; // a status change of a handoff already routed: its resident does not change
            }
            String topic = context.recordMetadata().map(m -> m.topic()).orElse(null);
            Optional<String> pseudonym = pseudonymOf.apply(topic, handoff.value());
            if (pseudonym.isEmpty()) {
                log.warn("handoff routing: a handoffs record could not be read; its updates will wait and then be decided as unknown");
                return;
            }
            routes.put(handoffId, pseudonym.get());
            byte[] queued = waiting.get(handoffId);
            if (queued != null) {
                release(context, waiting, handoffId, WaitingUpdates.read(queued), pseudonym.get(), context.currentSystemTimeMs());
            }
        }
    }
}
