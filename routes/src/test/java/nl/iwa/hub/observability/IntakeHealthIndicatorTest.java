package nl.iwa.hub.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.actuate.health.Status;

class IntakeHealthIndicatorTest {

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = {"CREATED", "REBALANCING", "RUNNING"})
    void anIntakeTopologyAtWorkIsUp(KafkaStreams.State state) {
        var health = new IntakeHealthIndicator(() -> state, () -> KafkaStreams.State.RUNNING).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("topology", state.name());
    }

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = {"PENDING_SHUTDOWN", "NOT_RUNNING", "PENDING_ERROR", "ERROR"})
    void aStoppedOrFailedIntakeTopologyIsDown(KafkaStreams.State state) {
        assertThat(new IntakeHealthIndicator(() -> state, () -> KafkaStreams.State.RUNNING).health().getStatus())
                .isEqualTo(Status.DOWN);
    }

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = {"PENDING_SHUTDOWN", "NOT_RUNNING", "PENDING_ERROR", "ERROR"})
    void aStoppedDecideTopologyTakesTheHubOutOfReadinessThoughItsIntakeRuns(KafkaStreams.State state) {
        var health = new IntakeHealthIndicator(() -> KafkaStreams.State.RUNNING, () -> state).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("decide", state.name()).containsEntry("topology", "RUNNING");
    }

    @Test
    void bothTopologiesAtWorkAreUp() {
        var health = new IntakeHealthIndicator(() -> KafkaStreams.State.RUNNING, () -> KafkaStreams.State.REBALANCING).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("decide", "REBALANCING");
    }
}
