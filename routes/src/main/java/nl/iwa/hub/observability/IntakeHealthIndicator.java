package nl.iwa.hub.observability;

import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Whether intake can go on. With the intake re-keyed ({@code IWA_INTAKE_REKEYED}) nothing reaches the decisions unless
 * the intake topology runs, so readiness follows its state: up while it runs or rebalances (partitions moving after a
 * hub joined or left), down once it has stopped or failed for good. Reading the outboxes directly, it is always up.
 */
public final class IntakeHealthIndicator implements HealthIndicator {

    private final Optional<Supplier<KafkaStreams.State>> topology;
    private final Optional<Supplier<KafkaStreams.State>> decide;

    /** @param topology the intake topology's state; empty when the hub reads the outboxes directly */
    public IntakeHealthIndicator(Optional<Supplier<KafkaStreams.State>> topology) {
        this(topology, Optional.empty());
    }

    /** @param decide the decide topology's state (IWA_ENGINE=streams): decisions stop when it does */
    public IntakeHealthIndicator(Optional<Supplier<KafkaStreams.State>> topology, Optional<Supplier<KafkaStreams.State>> decide) {
        this.topology = topology;
        this.decide = decide;
    }

    @Override
    public Health health() {
        if (topology.isEmpty()) {
            return Health.up().withDetail("reads", "outboxes").build();
        }
        KafkaStreams.State state = topology.get().get();
        KafkaStreams.State deciding = decide.map(Supplier::get).orElse(null);
        Health.Builder health = isUp(state) && (deciding == null || isUp(deciding)) ? Health.up() : Health.down();
        health.withDetail("reads", "decide topic").withDetail("topology", state.name());
        if (deciding != null) {
            health.withDetail("decide", deciding.name());
        }
        return health.build();
    }

    /** Created, rebalancing and running are the states of a topology at work; the others end in stopping. */
    static boolean isUp(KafkaStreams.State state) {
        return state == KafkaStreams.State.CREATED || state == KafkaStreams.State.REBALANCING
                || state == KafkaStreams.State.RUNNING;
    }
}
