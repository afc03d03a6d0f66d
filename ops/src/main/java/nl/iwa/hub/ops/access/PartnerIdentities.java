package nl.iwa.hub.ops.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Who each partner of {@code partners.yaml} is to the broker, as far as the local stack needs to know to make
 * its credentials: a certificate with the partner's OIN (and CN) or a SCRAM credential. The hub validates the
 * file itself at start-up; this only reads it.
 */
record PartnerIdentities(List<Identity> all) {

    record Identity(String id, String displayName, boolean certificate, String oin, String commonName) {
    }

    static PartnerIdentities read(Path partnersYaml) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(partnersYaml.toFile());
            List<Identity> out = new ArrayList<>();
            for (JsonNode p : root.path("partners")) {
                JsonNode kafka = p.path("kafka");
                boolean mtls = "MTLS".equals(kafka.path("authentication").asText("SCRAM"));
                String id = p.path("id").asText();
                out.add(new Identity(id, p.path("displayName").asText(id), mtls,
                        mtls ? kafka.path("oin").asText() : null,
                        mtls ? kafka.path("commonName").asText(id) : null));
            }
            return new PartnerIdentities(List.copyOf(out));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + partnersYaml + ": " + e.getMessage(), e);
        }
    }
}
