package nl.iwa.hub.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StackOptionsTest {

    @Test
    void defaultsAreTheDocumentedPortsAndRunUntilStopped() {
        StackOptions o = StackOptions.parse();

        assertThat(o.kafkaPort()).isEqualTo(9092);
        assertThat(o.controllerPort()).isEqualTo(9093);
        assertThat(o.registryPort()).isEqualTo(8081);
        assertThat(o.hubPort()).isEqualTo(8080);
        assertThat(o.issuerPort()).isEqualTo(8090);
        assertThat(o.rate()).isEqualTo(5.0);
        assertThat(o.duration()).isEmpty();
        assertThat(o.hubJar()).isEqualTo(Path.of("routes/target/iwa-hub.jar").toAbsolutePath());
        assertThat(o.runDir().isAbsolute()).isTrue();
        assertThat(o.runDir().toString()).endsWith("/ops/run");
        assertThat(o.hubs()).isEqualTo(1);
        assertThat(o.hubPorts()).containsExactly(8080);
    }

    @Test
    void readsEveryOption() {
        StackOptions o = StackOptions.parse("--kafka-port", "19092", "--registry-port", "18081", "--hub-port", "18080", "--issuer-port", "18090",
                "--hub-jar", "/tmp/iwa-hub.jar", "--rate", "2.5", "--duration", "60", "--run-dir", "/tmp/stack", "--clock-speed", "1");

        assertThat(o.bootstrapServers()).isEqualTo("localhost:19092");
        assertThat(o.issuerPort()).isEqualTo(18090);
        assertThat(o.hubJar()).isEqualTo(Path.of("/tmp/iwa-hub.jar"));
        assertThat(o.rate()).isEqualTo(2.5);
        assertThat(o.clockSpeed()).isEqualTo(1.0);
        assertThat(o.duration()).contains(Duration.ofSeconds(60));
        assertThat(o.runDir()).isEqualTo(Path.of("/tmp/stack"));
    }

    @Test
    void runsUpToThreeHubsTheOthersOnTheNextPortsNoOtherOptionTook() {
        StackOptions two = StackOptions.parse("--hubs", "2");

        assertThat(two.hubs()).isEqualTo(2);
        assertThat(two.hubPorts()).as("the registry has 8081").containsExactly(8080, 8082);
        assertThat(StackOptions.parse("--hubs", "3", "--hub-port", "18080").hubPorts())
                .containsExactly(18080, 18081, 18082);
        assertThat(StackOptions.parse("--hubs", "3", "--issuer-port", "8083").hubPorts())
                .containsExactly(8080, 8082, 8084);
        assertThat(StackOptions.parse("--hubs", "3", "--hub-port", "9090").hubPorts())
                .as("past the broker's three ports").containsExactly(9090, 9091, 9095);
    }

    @Test
    void refusesHubCountsOutsideOneToThreeAndTheRemovedEngineOptions() {
        assertThatThrownBy(() -> StackOptions.parse("--hubs", "0")).hasMessage("--hubs must be between 1 and 3, not 0");
        assertThatThrownBy(() -> StackOptions.parse("--hubs", "4")).hasMessage("--hubs must be between 1 and 3, not 4");
        assertThatThrownBy(() -> StackOptions.parse("--hubs", "two")).hasMessage("--hubs must be a whole number, not 'two'");
        assertThatThrownBy(() -> StackOptions.parse("--hubs", "2", "--registry-port", "8080"))
                .hasMessageContaining("port 8080 is given twice");
        assertThatThrownBy(() -> StackOptions.parse("--hubs", "3", "--hub-port", "65534"))
                .hasMessage("no port above 65535: choose a lower first port");
        // the hub has one engine since the classic one was removed (#14)
        assertThatThrownBy(() -> StackOptions.parse("--engine", "classic")).hasMessageContaining("unknown option --engine");
        assertThatThrownBy(() -> StackOptions.parse("--rekeyed")).hasMessageContaining("unknown option --rekeyed");
    }

    @Test
    void refusesWhatItCannotUseWithAMessageNamingTheOption() {
        assertThatThrownBy(() -> StackOptions.parse("--kafka-port")).hasMessageContaining("--kafka-port needs a value");
        assertThatThrownBy(() -> StackOptions.parse("--rate", "0")).hasMessageContaining("--rate must be above 0");
        assertThatThrownBy(() -> StackOptions.parse("--hub-port", "http")).hasMessageContaining("--hub-port must be a port number");
        assertThatThrownBy(() -> StackOptions.parse("--colour", "red")).hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> StackOptions.parse("--kafka-port", "8080")).hasMessageContaining("port 8080 is given twice");
        assertThatThrownBy(() -> StackOptions.parse("--registry-port", "9093")).hasMessageContaining("controller");
        assertThatThrownBy(() -> StackOptions.parse("--issuer-port", "8080")).hasMessageContaining("port 8080 is given twice");
        assertThatThrownBy(() -> StackOptions.parse("--rate", "fast")).hasMessage("--rate must be a number, not 'fast'");
        assertThatThrownBy(() -> StackOptions.parse("--rate", "-1")).hasMessage("--rate must be above 0, not -1");
        assertThatThrownBy(() -> StackOptions.parse("--hub-port", "70000")).hasMessage("--hub-port must be a port number, not 70000");
        assertThatThrownBy(() -> StackOptions.parse("--duration", "0")).hasMessage("--duration must be above 0, not 0");
        assertThatThrownBy(() -> StackOptions.parse("--kafka-port", "--rate", "5")).hasMessage("--kafka-port needs a value");
        assertThatThrownBy(() -> StackOptions.parse("5")).hasMessage("unexpected argument '5'");
    }

    @Test
    void theLastOfARepeatedOptionCountsAndValuesAreTakenAsGiven() {
        StackOptions o = StackOptions.parse("--rate", "2", "--rate", "3", "--run-dir", "@stack", "--help");

        assertThat(o.rate()).isEqualTo(3.0);
        assertThat(o.runDir().getFileName().toString()).as("not read as a file of arguments").isEqualTo("@stack");
        assertThat(o.help()).isTrue();
        assertThat(StackOptions.parse("-h").help()).isTrue();
        assertThat(StackOptions.parse("--clock-speed=60").clockSpeed()).isEqualTo(60.0);
    }
}
