package nl.iwa.hub.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.actuate.health.Status;

class IntakeHealthIndicatorTest {

    @Test
    void readingTheOutboxesDirectlyIsAlwaysUp() {
        assertThat(new IntakeHealthIndicator(Optional.empty()).health().getStatus()).isEqualTo(Status.UP);
    }

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = {"CREATED", "REBALANCING", "RUNNING"})
    void aTopologyAtWorkIsUp(KafkaStreams.State state) {
        var health = new IntakeHealthIndicator(Optional.of(() -> state)).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("topology", state.name());
    }

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = {"PENDING_SHUTDOWN", "NOT_RUNNING", "PENDING_ERROR", "ERROR"})
    void aStoppedOrFailedTopologyIsDown(KafkaStreams.State state) {
        assertThat(new IntakeHealthIndicator(Optional.of(() -> state)).health().getStatus()).isEqualTo(Status.DOWN);
    }

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = {"PENDING_SHUTDOWN", "NOT_RUNNING", "PENDING_ERROR", "ERROR"})
    void aStoppedDecideTopologyTakesTheHubOutOfReadinessThoughItsIntakeRuns(KafkaStreams.State state) {
        var health = new IntakeHealthIndicator(Optional.of(() -> KafkaStreams.State.RUNNING), Optional.of(() -> state)).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("decide", state.name()).containsEntry("topology", "RUNNING");
    }

    @Test
    void bothTopologiesAtWorkAreUp() {
        var health = new IntakeHealthIndicator(Optional.of(() -> KafkaStreams.State.RUNNING),
                Optional.of(() -> KafkaStreams.State.REBALANCING)).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("decide", "REBALANCING");
    }
}
