package nl.iwa.hub.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's one client configuration: read from a Kafka client properties file, never in the clear by accident. */
class KafkaConnectionTest {

    @TempDir
    Path dir;

    @Test
    void withoutAClientConfigurationTheHubRefusesToConnect() {
        assertThatThrownBy(() -> KafkaConnection.load("localhost:9092", null, false))
                .hasMessageContaining("security.protocol=PLAINTEXT")
                .hasMessageContaining("IWA_KAFKA_CLIENT_CONFIG");
    }

    @Test
    void anEmptySettingCountsAsNone() {
        assertThatThrownBy(() -> KafkaConnection.load("localhost:9092", Path.of(""), false))
                .hasMessageContaining("security.protocol=PLAINTEXT");
    }

    @Test
    void aPlaintextClientConfigurationIsRefusedToo() throws IOException {
        Path file = Files.writeString(dir.resolve("hub.properties"), "security.protocol=SASL_PLAINTEXT\n");

        assertThatThrownBy(() -> KafkaConnection.load("localhost:9092", file, false))
                .hasMessageContaining("security.protocol=SASL_PLAINTEXT");
    }

    @Test
    void anOpenBrokerOnlyWhenSaidSo() {
        assertThat(KafkaConnection.load("localhost:9092", null, true).securityProtocol()).isEqualTo("PLAINTEXT");
    }

    @Test
    void theFileGivesTheCredentialsAndTheHubGivesTheAddress() throws IOException {
        Path file = Files.writeString(dir.resolve("hub.properties"), """
                security.protocol=SSL
                ssl.keystore.location=/run/secrets/hub.p12
                ssl.keystore.password=${file:/run/secrets/hub-passwords.properties:keystore}
                bootstrap.servers=elsewhere:9092
                """);

        KafkaConnection c = KafkaConnection.load("broker:9093", file, false);

        assertThat(c.properties()).containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("ssl.keystore.location", "/run/secrets/hub.p12")
                .containsEntry("ssl.keystore.password", "${file:/run/secrets/hub-passwords.properties:keystore}");
        assertThat(c.toString()).contains("broker:9093", "SSL").doesNotContain("keystore", "secrets");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> KafkaConnection.load("localhost:9092", dir.resolve("nope.properties"), false))
                .hasMessageContaining("nope.properties").hasMessageContaining("not readable");
    }
}
