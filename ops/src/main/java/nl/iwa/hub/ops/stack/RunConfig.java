package nl.iwa.hub.ops.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The partner and policy files the local stack's hub runs with. The files in ops/config are reviewed configuration
 * and stay as they are; what only this run knows (its webhook's URL and token file, its drop folder) is added to a
 * copy of partners.yaml in {@code <run dir>/config}, beside an unchanged copy of policies.yaml, and the hub and the
 * broker's ACLs ({@code access apply}) are pointed at that folder. Written anew at every start.
 */
final class RunConfig {

    static final String PARTNERS = "partners.yaml";
    static final String POLICIES = "policies.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private RunConfig() {
    }

    /** The OAuth2 client id of every partner that sends by REST ({@code connectors.rest.clientId}), by partner id. */
    static Map<String, String> restClients(Path reviewedDir) {
        Map<String, String> clients = new LinkedHashMap<>();
        for (JsonNode partner : read(reviewedDir.resolve(PARTNERS)).path("partners")) {
            String clientId = partner.path("connectors").path("rest").path("clientId").asText("");
            if (!clientId.isBlank()) {
                clients.put(partner.path("id").asText(), clientId);
            }
        }
        return clients;
    }

    /**
     * Writes the run's copies: partners.yaml with {@code added} merged into the named partners' {@code connectors}
     * blocks (a part named there replaces the reviewed one of that name; the others stay), policies.yaml as it is.
     *
     * @param added partner id to connector parts ({@code inbox}, {@code files}, ...), each a map of its settings
     * @return the folder to give the hub as IWA_CONFIG_DIR
     */
    static Path write(Path reviewedDir, Path runConfigDir, Map<String, Map<String, Object>> added) {
        ObjectNode root = (ObjectNode) read(reviewedDir.resolve(PARTNERS));
        Map<String, Map<String, Object>> missing = new LinkedHashMap<>(added);
        for (JsonNode partner : root.path("partners")) {
            Map<String, Object> parts = missing.remove(partner.path("id").asText());
            if (parts == null) {
                continue;
            }
            ObjectNode connectors = partner.path("connectors") instanceof ObjectNode existing ? existing
                    : ((ObjectNode) partner).putObject("connectors");
            parts.forEach((part, settings) -> connectors.set(part, YAML.valueToTree(settings)));
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no partner " + missing.keySet() + " in " + reviewedDir.resolve(PARTNERS));
        }
        try {
            Files.createDirectories(runConfigDir);
            Files.writeString(runConfigDir.resolve(PARTNERS), "# Written by the local stack at start-up: " + reviewedDir.resolve(PARTNERS)
                    + " with this run's connector settings\n# (webhook URL and token file, drop folder). Edit the reviewed file, not this copy.\n"
                    + YAML.writeValueAsString(root));
            Files.copy(reviewedDir.resolve(POLICIES), runConfigDir.resolve(POLICIES), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's configuration to " + runConfigDir, e);
        }
        return runConfigDir;
    }

    private static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
