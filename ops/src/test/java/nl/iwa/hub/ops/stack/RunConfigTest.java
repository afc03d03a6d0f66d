package nl.iwa.hub.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigTest {

    private static final Path REVIEWED = Path.of("config").toAbsolutePath(); // ops/config: tests run in the module folder

    @Test
    void theRunsCopyAddsItsConnectorSettingsAndKeepsEverythingReviewed(@TempDir Path run) throws Exception {
        Path dir = RunConfig.write(REVIEWED, run.resolve("config"), Map.of(
                "gp-heerlen-centrum", Map.of("inbox", Map.of("delivery", "WEBHOOK", "url", "http://localhost:1234/his", "tokenFile", "/tmp/t")),
                "housing-mijnstreek", Map.of("files", Map.of("folder", "/tmp/in", "receiver", "socialteam-heerlen"))));

        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode copy = yaml.readTree(dir.resolve("partners.yaml").toFile());
        JsonNode reviewed = yaml.readTree(REVIEWED.resolve("partners.yaml").toFile());
        JsonNode gp = partner(copy, "gp-heerlen-centrum");
        assertThat(gp.path("connectors").path("rest").path("clientId").asText()).isEqualTo("gp-his-test");
        assertThat(gp.path("connectors").path("inbox").path("delivery").asText()).isEqualTo("WEBHOOK");
        assertThat(partner(copy, "housing-mijnstreek").path("connectors").path("files").path("receiver").asText()).isEqualTo("socialteam-heerlen");
        // the OINs stay strings (a bare 20-digit number would not)
        assertThat(partner(copy, "uwv-zuid-limburg").path("kafka").path("oin").isTextual()).isTrue();
        ((com.fasterxml.jackson.databind.node.ObjectNode) gp.path("connectors")).remove("inbox");
        ((com.fasterxml.jackson.databind.node.ObjectNode) partner(copy, "housing-mijnstreek")).remove("connectors");
        assertThat(copy).isEqualTo(reviewed);
        assertThat(Files.readString(dir.resolve("policies.yaml"))).isEqualTo(Files.readString(REVIEWED.resolve("policies.yaml")));
        assertThat(Files.readString(dir.resolve("partners.yaml"))).startsWith("# Written by the local stack");
    }

    @Test
    void restClientsAreReadFromTheReviewedFile() {
        assertThat(RunConfig.restClients(REVIEWED)).containsExactly(Map.entry("gp-heerlen-centrum", "gp-his-test"));
    }

    @Test
    void aPartnerTheReviewedFileDoesNotKnowIsRefused(@TempDir Path run) {
        assertThatThrownBy(() -> RunConfig.write(REVIEWED, run, Map.of("nobody", Map.of("files", Map.of()))))
                .hasMessageContaining("nobody");
    }

    private static JsonNode partner(JsonNode root, String id) {
        for (JsonNode p : root.path("partners")) {
            if (p.path("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no partner " + id);
    }
}
