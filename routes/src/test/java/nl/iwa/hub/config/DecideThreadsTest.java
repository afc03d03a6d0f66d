package nl.iwa.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import nl.iwa.hub.policy.InvalidConfigurationException;
import nl.iwa.hub.transport.KafkaConnection;
import nl.iwa.hub.transport.StreamsSettings;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class DecideThreadsTest {

    private final StreamsSettings streams = new StreamsSettings(KafkaConnection.plaintext("localhost:9092"), "iwa-hub",
            Path.of("state"), (short) 1);

    @Test
    void theDecideTopologyRunsOnAsManyStreamThreadsAsConfigured() {
        var settings = EngineConfiguration.decideSettings(streams, new HubProperties.Intake(Duration.ofSeconds(60), Duration.ofMillis(100), 2));

        assertThat(settings.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(2);
        assertThat(settings.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(100L);
        assertThat(streams.properties(StreamsSettings.INTAKE).get(StreamsConfig.NUM_STREAM_THREADS_CONFIG))
                .as("the other topologies keep one").isEqualTo(1);
    }

    @Test
    void aCountOutsideOneToSixteenStopsTheStartNamingTheSetting() {
        for (int wrong : new int[] {0, -1, EngineConfiguration.MAX_DECIDE_THREADS + 1}) {
            assertThatThrownBy(() -> EngineConfiguration.decideSettings(streams,
                    new HubProperties.Intake(Duration.ofSeconds(60), Duration.ofMillis(100), wrong)))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("IWA_INTAKE_DECIDETHREADS is " + wrong);
        }
    }
}
