package nl.iwa.hub.provisioning;

import nl.iwa.hub.testkit.partner.PartnerSerdes;
import nl.iwa.hub.transport.AvroCodec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.iwa.hub.config.HubProperties;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testkit.registry.RegistryWriter;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The schema registry is read-only for partners: only the hub's account registers schemas and sets rules. With
 * the hub started, every partner outbox subject holds the OutboxMessage schema, the global rule is BACKWARD, a
 * partner reads everything it needs through the Confluent-compatible API, and the id its serializer writes is the
 * id that API serves. Anonymous writes and deletes are refused.
 */
class SchemaRegistryAccessIT extends HubIntegrationTest {

    private static final String HOUSING_SUBJECT = "iwa.housing-mijnstreek.outbox-value";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private SchemaRegistration.Registered registered;
    @Autowired
    private HubProperties props;
    @Autowired
    private PartnerDirectory partners;

    private final TestInfrastructure infra = TestInfrastructure.get();

    @Test
    void anAnonymousClientCannotRegisterChangeRulesOrDelete() throws Exception {
        String fresh = "iwa.intruder-" + UUID.randomUUID().toString().substring(0, 8) + ".outbox-value";
        String schema = "{\"type\":\"record\",\"name\":\"Intruder\",\"namespace\":\"x\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";
        String artifact = JSON.writeValueAsString(Map.of("artifactId", fresh, "artifactType", "AVRO",
                "firstVersion", Map.of("content", Map.of("content", schema, "contentType", "application/json"))));
        int housingVersions = get(ccompat("/subjects/" + enc(HOUSING_SUBJECT) + "/versions")).size();
        assertThat(housingVersions).as("each released outbox schema and the current one, as the hub registered them").isPositive();

        assertThat(status("POST", native_("/groups/default/artifacts"), artifact)).as("native: create artifact").isEqualTo(401);
        assertThat(status("POST", native_("/groups/default/artifacts/" + enc(HOUSING_SUBJECT) + "/versions"),
                JSON.writeValueAsString(Map.of("content", Map.of("content", schema, "contentType", "application/json")))))
                .as("native: new version of a partner's subject").isEqualTo(401);
        assertThat(status("POST", ccompat("/subjects/" + enc(fresh) + "/versions"), JSON.writeValueAsString(Map.of("schema", schema))))
                .as("ccompat: register a subject").isEqualTo(401);
        assertThat(status("POST", native_("/admin/rules"), "{\"ruleType\":\"VALIDITY\",\"config\":\"FULL\"}"))
                .as("native: add a global rule").isEqualTo(401);
        assertThat(status("PUT", native_("/admin/rules/COMPATIBILITY"), "{\"ruleType\":\"COMPATIBILITY\",\"config\":\"NONE\"}"))
                .as("native: weaken the global rule").isEqualTo(401);
        assertThat(status("PUT", ccompat("/config"), "{\"compatibility\":\"NONE\"}")).as("ccompat: weaken the global rule").isEqualTo(401);
        assertThat(status("DELETE", native_("/admin/rules/COMPATIBILITY"), null)).as("native: delete the global rule").isEqualTo(401);
        assertThat(status("DELETE", ccompat("/subjects/" + enc(HOUSING_SUBJECT)), null)).as("ccompat: delete a subject").isEqualTo(401);
        assertThat(status("DELETE", native_("/groups/default/artifacts/" + enc(HOUSING_SUBJECT)), null))
                .as("native: delete an artifact").isEqualTo(401);

        // the serde's own path: an anonymous serializer that would auto-register
        Map<String, Object> config = Map.of(SchemaResolverConfig.REGISTRY_URL, infra.registryUrl(),
                SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true);
        Schema intruder = new Schema.Parser().parse(schema);
        GenericRecord record = new GenericData.Record(intruder);
        record.put("a", "x");
        try (AvroKafkaSerializer<Object> anonymous = new AvroKafkaSerializer<>()) {
            anonymous.configure(config, false);
            assertThatThrownBy(() -> anonymous.serialize(fresh.substring(0, fresh.length() - "-value".length()), record))
                    .satisfies(e -> assertThat(AvroCodec.httpStatus(e)).isEqualTo(401));
        }

        // nothing changed
        assertThat(status("GET", ccompat("/subjects/" + enc(fresh) + "/versions"), null)).isEqualTo(404);
        assertThat(get(native_("/admin/rules/COMPATIBILITY")).path("config").asText()).isEqualTo("BACKWARD");
        assertThat(get(ccompat("/subjects/" + enc(HOUSING_SUBJECT) + "/versions"))).hasSize(housingVersions);
    }

    @Test
    void aPartnerReadsItsSchemaThroughTheConfluentCompatibleApi() throws Exception {
        JsonNode latest = get(ccompat("/subjects/" + enc(HOUSING_SUBJECT) + "/versions/latest"));
        assertThat(latest.path("subject").asText()).isEqualTo(HOUSING_SUBJECT);
        int id = latest.path("id").asInt();
        assertThat(new Schema.Parser().parse(latest.path("schema").asText())).isEqualTo(OutboxMessage.getClassSchema());

        JsonNode byId = get(ccompat("/schemas/ids/" + id));
        assertThat(new Schema.Parser().parse(byId.path("schema").asText())).isEqualTo(OutboxMessage.getClassSchema());
        assertThat(registered.outboxSchemaIds()).containsEntry(HOUSING_SUBJECT, (long) id);
    }

    @Test
    void theGlobalCompatibilityRuleIsBackward() throws Exception {
        assertThat(get(native_("/admin/rules/COMPATIBILITY")).path("config").asText()).isEqualTo("BACKWARD");
        assertThat(get(ccompat("/config")).path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertThat(registered.compatibility()).isEqualTo("BACKWARD");
    }

    @Test
    void everyPartnerOutboxSubjectExistsAfterStartUp() throws Exception {
        List<String> subjects = new ArrayList<>();
        get(ccompat("/subjects")).forEach(s -> subjects.add(s.asText()));
        List<String> expected = partners.all().stream().map(p -> props.topics().outbox(p.id()) + "-value").toList();

        assertThat(subjects).containsAll(expected);
        assertThat(registered.outboxSchemaIds().keySet()).containsExactlyInAnyOrderElementsOf(expected);
        // one schema, one content id, whichever subject it is under
        assertThat(registered.outboxSchemaIds().values()).containsOnly(registered.outboxSchemaIds().get(HOUSING_SUBJECT));
    }

    @Test
    void theIdAPartnersSerializerWritesIsTheOneTheConfluentCompatibleApiServes() throws Exception {
        int served = get(ccompat("/subjects/" + enc(HOUSING_SUBJECT) + "/versions/latest")).path("id").asInt();
        OutboxMessage message;
        try (PartnerClient housing = partner("housing-mijnstreek")) {
            message = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(SyntheticResidents.next())).build();
        }
        byte[] written;
        try (AvroKafkaSerializer<Object> partnerSerializer = PartnerSerdes.serializer(infra.registryUrl())) {
            written = partnerSerializer.serialize("iwa.housing-mijnstreek.outbox", message);
        }

        assertThat(written[0]).isZero();
        assertThat(ByteBuffer.wrap(written, 1, 4).getInt()).isEqualTo(served);
    }

    @Test
    void aPartnerOnAnOlderVersionFindsItsOwnVersionNotTheLatest() throws Exception {
        // the hub's account registers two BACKWARD compatible versions under a subject of a test's own
        String topic = "regtest" + UUID.randomUUID().toString().substring(0, 8) + ".p.outbox";
        Schema v1 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Msg\",\"namespace\":\"t\",\"fields\":["
                + "{\"name\":\"a\",\"type\":\"string\"}]}");
        Schema v2 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Msg\",\"namespace\":\"t\",\"fields\":["
                + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
        RegistryWriter hub = infra.registryWriter();
        long v1Id;
        long v2Id;
        try (AvroCodec asHub = new AvroCodec(infra.registryUrl(), hub.username(), hub.password())) {
            v1Id = asHub.register(topic, v1);
            v2Id = asHub.register(topic, v2);
        }
        assertThat(v2Id).isNotEqualTo(v1Id);

        GenericRecord old = new GenericData.Record(v1);
        old.put("a", "x");
        try (AvroKafkaSerializer<Object> partnerSerializer = PartnerSerdes.serializer(infra.registryUrl())) {
            byte[] written = partnerSerializer.serialize(topic, old);
            assertThat(ByteBuffer.wrap(written, 1, 4).getInt()).isEqualTo((int) v1Id);
        }
    }

    @Test
    void theInboxWithTheFileReportIsAcceptedAfterTheReleasedInboxUnderTheBackwardRule() throws Exception {
        // a registry that holds the released v1 inbox schema, as a production registry does
        String topic = "regtest" + UUID.randomUUID().toString().substring(0, 8) + ".p.inbox";
        Schema released;
        try (java.io.InputStream in = nl.iwa.hub.contract.ContractSchemas.class.getResourceAsStream("/released/v1/inbox.avsc")) {
            released = new Schema.Parser().parse(in);
        }
        assertThat(released.getField("body").schema().getTypes()).noneMatch(t -> t.getName().equals("FileIntakeReport"));
        RegistryWriter hub = infra.registryWriter();
        try (AvroCodec asHub = new AvroCodec(infra.registryUrl(), hub.username(), hub.password())) {
            long v1 = asHub.register(topic, released);

            // the current inbox schema, with the FileIntakeReport branch, passes the registry's BACKWARD rule
            long current = asHub.register(topic, nl.iwa.hub.contract.inbox.InboxMessage.getClassSchema());
            assertThat(current).isNotEqualTo(v1);

            // while a change that is not BACKWARD (a required field without a default) is refused: the rule is on
            Schema breaking = new Schema.Parser().parse(nl.iwa.hub.contract.inbox.InboxMessage.getClassSchema().toString()
                    .replaceFirst("\\{\"name\":\"messageId\"", "{\"name\":\"mandatoryNew\",\"type\":\"string\"},{\"name\":\"messageId\""));
            assertThatThrownBy(() -> asHub.register(topic, breaking)).satisfies(e -> assertThat(AvroCodec.httpStatus(e)).isEqualTo(409));
        }
    }

    @Test
    void registrationIsIdempotentAndRefusesAHubWithoutItsAccountWithoutLeakingThePassword() {
        try (AvroCodec asHub = new AvroCodec(infra.registryUrl(), infra.registryWriter().username(), infra.registryWriter().password())) {
            SchemaRegistration.Registered again = new SchemaRegistration(asHub, props.registry(), props.topics(), partners).apply();
            assertThat(again).isEqualTo(registered);
        }

        nl.iwa.hub.transport.RegistryAccount anonymous = new nl.iwa.hub.transport.RegistryAccount(infra.registryUrl(), null, null);
        try (AvroCodec codec = new AvroCodec(infra.registryUrl())) {
            assertThatThrownBy(() -> new SchemaRegistration(codec, anonymous, unregistered(), partners, Duration.ZERO).apply())
                    .hasMessageContaining("refused an anonymous write (HTTP 401)")
                    .hasMessageContaining("IWA_REGISTRY_USERNAME");
        }

        String wrongPassword = "not-the-password-" + UUID.randomUUID();
        nl.iwa.hub.transport.RegistryAccount wrong = new nl.iwa.hub.transport.RegistryAccount(infra.registryUrl(), RegistryWriter.HUB_USERNAME, wrongPassword);
        try (AvroCodec codec = new AvroCodec(infra.registryUrl(), RegistryWriter.HUB_USERNAME, wrongPassword)) {
            assertThatThrownBy(() -> new SchemaRegistration(codec, wrong, unregistered(), partners, Duration.ZERO).apply())
                    .hasMessageContaining("refused the hub's account 'iwa-hub' (HTTP 401)")
                    .satisfies(e -> {
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            assertThat(String.valueOf(t.getMessage())).doesNotContain(wrongPassword);
                        }
                    });
        }
        assertThat(wrong.toString()).doesNotContain(wrongPassword);
    }

    /** Topics under a prefix nobody registered: anything that got through would be a new subject. */
    private static nl.iwa.hub.topics.Topics unregistered() {
        return nl.iwa.hub.topics.Topics.withPrefix("unregistered" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", url, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static int status(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", url.contains("/ccompat/") ? "application/vnd.schemaregistry.v1+json" : "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String native_(String path) {
        return infra.registryUrl() + path;
    }

    private String ccompat(String path) {
        return infra.registry().confluentCompatUrl() + path;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
