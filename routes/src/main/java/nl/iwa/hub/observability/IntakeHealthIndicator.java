package nl.iwa.hub.observability;

import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Whether intake can go on. Nothing reaches the decisions unless the intake topology runs, and nothing is decided
 * unless the decide topology does, so readiness follows both: up while they run or rebalance (partitions moving after
 * a hub joined or left), down once either has stopped or failed for good.
 */
public final class IntakeHealthIndicator implements HealthIndicator {

    private final Supplier<KafkaStreams.State> topology;
    private final Supplier<KafkaStreams.State> decide;

    /**
     * @param topology the intake topology's state
     * @param decide   the decide topology's state
     */
    public IntakeHealthIndicator(Supplier<KafkaStreams.State> topology, Supplier<KafkaStreams.State> decide) {
        this.topology = topology;
        this.decide = decide;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = topology.get();
        KafkaStreams.State deciding = decide.get();
        Health.Builder health = isUp(state) && isUp(deciding) ? Health.up() : Health.down();
        return health.withDetail("reads", "decide topic").withDetail("topology", state.name())
                .withDetail("decide", deciding.name()).build();
    }

    /** Created, rebalancing and running are the states of a topology at work; the others end in stopping. */
    static boolean isUp(KafkaStreams.State state) {
        return state == KafkaStreams.State.CREATED || state == KafkaStreams.State.REBALANCING
                || state == KafkaStreams.State.RUNNING;
    }
}
