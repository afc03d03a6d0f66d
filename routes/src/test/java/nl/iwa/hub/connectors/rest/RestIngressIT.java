package nl.iwa.hub.connectors.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.inbox.HandoffDelivery;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testing.LogCapture;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testing.TestTokenIssuer;
import nl.iwa.hub.testkit.TopicProbe;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The REST ingress against the whole hub, a real identity provider (JWKS) and the real broker: the GP practice's
 * system (OAuth2 client gp-his-test, see ops/config/partners.yaml) sends by REST; the hub decides its messages like
 * any Kafka partner's. Every refused request is checked to have written nothing to the GP's outbox, and no value
 * of any request may show in a response or a log line.
 */
class RestIngressIT extends HubIntegrationTest {

    private static final String GP = "gp-heerlen-centrum";
    private static final String BASE = "/api/connect/v1";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    static PartnerClient socialTeam;
    static TopicProbe<byte[]> gpOutbox;

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;

    private final HttpClient http = HttpClient.newHttpClient();
    private final TestTokenIssuer idp = TestTokenIssuer.get();
    /** Personal values this test sent: none may come back in an answer or reach a log line. */
    private final List<String> personal = new ArrayList<>();

    @BeforeAll
    static void partners() {
        socialTeam = partner("socialteam-heerlen");
    }

    /** After the hub's context, which creates the topics, is up (the first test instance starts it). */
    @org.junit.jupiter.api.BeforeEach
    void outboxProbe() {
        if (gpOutbox == null) {
            gpOutbox = new TopicProbe<>(TestInfrastructure.get().hubConnection().properties(), "iwa." + GP + ".outbox", new ByteArrayDeserializer());
        }
    }

    @AfterAll
    static void close() {
        socialTeam.close();
        if (gpOutbox != null) {
            gpOutbox.close();
        }
    }

    @AfterEach
    void nothingPersonalWasLogged() {
        List<String> lines = LogCapture.lines();
        for (String value : personal) {
            assertThat(lines).noneMatch(line -> line.contains(value));
        }
    }

    private String gpToken() {
        return idp.sign(idp.claims().claim("azp", "gp-his-test").build());
    }

    private HttpResponse<String> post(String token, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + BASE + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String value : personal) {
            assertThat(response.body()).doesNotContain(value);
            assertThat(response.headers().map().toString()).doesNotContain(value);
        }
        return response;
    }

    private HttpResponse<String> post(String path, ObjectNode body) throws Exception {
        return post(gpToken(), path, "application/json", JSON.writeValueAsBytes(body));
    }

    private ObjectNode envelope(String receiver, String purpose, String correlationId, Object body) {
        ObjectNode message = JSON.createObjectNode()
                .put("messageId", UUID.randomUUID().toString())
                .put("correlationId", correlationId)
                .put("receiverPartnerId", receiver)
                .put("purpose", purpose)
                .put("occurredAt", Instant.now().toString());
        message.set("body", avroAsJson(body));
        return message;
    }

    /** A contract record as the API's JSON: Avro's own JSON rendering, with dates and times as ISO text. */
    private ObjectNode avroAsJson(Object record) {
        ObjectNode node = (ObjectNode) JSON.valueToTree(JSON.convertValue(asMap((org.apache.avro.specific.SpecificRecord) record), Map.class));
        return node;
    }

    private static Map<String, Object> asMap(org.apache.avro.specific.SpecificRecord record) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (org.apache.avro.Schema.Field f : record.getSchema().getFields()) {
            Object v = record.get(f.pos());
            if (v instanceof org.apache.avro.specific.SpecificRecord nested) {
                v = asMap(nested);
            } else if (v instanceof java.util.List<?> list) {
                v = list.stream().map(Object::toString).toList();
            } else if (v != null && !(v instanceof Number)) {
                v = v.toString();
            }
            if (v != null) {
                map.put(f.name(), v);
            }
        }
        return map;
    }

    private void remember(Subject resident) {
        personal.addAll(SyntheticResidents.personalValues(resident));
    }

    private List<ConsumerRecord<String, byte[]>> outboxRecordsWith(String messageId) {
        byte[] id = messageId.getBytes(StandardCharsets.UTF_8);
        return gpOutbox.readToEnd().stream().filter(r -> indexOf(r.value(), id) >= 0).toList();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void aGpHandoffByRestReachesTheSocialTeamMinimised() throws Exception {
        // Given the resident's consent, recorded by the GP practice's system over REST
        Subject resident = SyntheticResidents.next();
        remember(resident);
        String purpose = "PSYCHOSOCIAL_SUPPORT";
        String caseId = UUID.randomUUID().toString();
        ObjectNode consent = envelope("hub", purpose, caseId, Bodies.grant(UUID.randomUUID().toString(), resident, purpose,
                "socialteam-heerlen", "IDENTITY", "CONTACT", "WELLBEING"));
        assertThat(post("/consent-changes", consent).statusCode()).isEqualTo(202);

        // When its handoff request follows, with more in it than the policy passes on
        ObjectNode handoff = envelope("socialteam-heerlen", purpose, caseId, Bodies.psychosocial(resident));
        HttpResponse<String> answer = post("/handoff-requests", handoff);

        // Then it is accepted for decision, and the social team gets it without the medical detail or free text
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(answer.body());
        assertThat(accepted.get("messageId").asText()).isEqualTo(handoff.get("messageId").asText());
        assertThat(accepted.get("correlationId").asText()).isEqualTo(caseId);
        assertThat(accepted.get("status").asText()).isEqualTo("ACCEPTED_FOR_DECISION");
        InboxMessage delivered = await().atMost(WAIT).until(() -> socialTeam.inboxFor(caseId).stream()
                .filter(m -> m.getBody() instanceof HandoffDelivery).toList(), l -> !l.isEmpty()).get(0);
        assertThat(delivered.getOriginPartnerId()).isEqualTo(GP);
        HandoffDelivery body = (HandoffDelivery) delivered.getBody();
        assertThat(body.getSubject().getBsn()).isEqualTo(resident.getBsn());
        assertThat(body.getSubject().getBirthDate()).isNull();
        assertThat(body.getSubject().getStreet()).isNull();
        assertThat(body.getFacts().getMedicalDetail()).isNull();
        assertThat(body.getFacts().getFreeText()).isNull();
        assertThat(body.getFacts().getConcernCodes()).containsExactly("LONELINESS", "FINANCIAL_STRESS");
    }

    @Test
    void aRepeatGetsTheFirstAnswerAndWritesNothingMoreAndAnotherBodyUnderItsIdIsAConflict() throws Exception {
        Subject resident = SyntheticResidents.next();
        remember(resident);
        ObjectNode signal = envelope("socialteam-heerlen", "PSYCHOSOCIAL_SUPPORT", UUID.randomUUID().toString(),
                Bodies.psychosocial(resident));
        String messageId = signal.get("messageId").asText();

        HttpResponse<String> first = post("/handoff-requests", signal);
        // the same message again, laid out differently: it is the same message
        HttpResponse<String> again = post(gpToken(), "/handoff-requests", "application/json",
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(signal));
        ObjectNode changed = signal.deepCopy();
        ((ObjectNode) changed.get("body")).put("requestedAction", "TAKE_OVER");
        HttpResponse<String> conflict = post("/handoff-requests", changed);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(JSON.readTree(conflict.body()).get("detail").asText()).contains("messageId");
        assertThat(outboxRecordsWith(messageId)).hasSize(1);
    }

    @Test
    void badInputAtTheEdgeIsAnsweredWithTheRightStatusAndWritesNothing() throws Exception {
        Subject resident = SyntheticResidents.next();
        remember(resident);
        String ops = idp.sign(idp.claims("OPS").build());
        List<String> ids = new ArrayList<>();
        java.util.function.Supplier<ObjectNode> good = () -> {
            ObjectNode m = envelope("socialteam-heerlen", "PSYCHOSOCIAL_SUPPORT", UUID.randomUUID().toString(), Bodies.psychosocial(resident));
            ids.add(m.get("messageId").asText());
            return m;
        };

        ObjectNode malformed = good.get();
        byte[] cut = JSON.writeValueAsBytes(malformed);
        assertProblem(post(gpToken(), "/handoff-requests", "application/json", java.util.Arrays.copyOf(cut, cut.length - 3)), 400, null);

        ObjectNode wrongType = good.get();
        ((ObjectNode) wrongType.get("body").get("facts")).put("arrearsMonths", "two");
        assertProblem(post("/handoff-requests", wrongType), 422, "body.facts.arrearsMonths");

        ObjectNode unknown = good.get();
        ((ObjectNode) unknown.get("body").get("subject")).put("nickname", resident.getGivenName());
        assertProblem(post("/handoff-requests", unknown), 422, "body.subject.nickname");

        ObjectNode missing = good.get();
        missing.remove("receiverPartnerId");
        assertProblem(post("/handoff-requests", missing), 422, "receiverPartnerId");

        ObjectNode otherSender = good.get();
        otherSender.put("senderPartnerId", "housing-mijnstreek");
        assertProblem(post("/handoff-requests", otherSender), 403, "senderPartnerId");

        RawAnswer tooLarge = tenMegabytes(JSON.writeValueAsBytes(good.get()));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.headers()).anySatisfy(h -> assertThat(h.toLowerCase(java.util.Locale.ROOT))
                .startsWith("content-type: application/problem+json"));
        JsonNode tooLargeProblem = JSON.readTree(tooLarge.body());
        assertThat(tooLargeProblem.get("status").asInt()).isEqualTo(413);
        assertThat(tooLargeProblem.get("title").asText()).isNotBlank();
        assertThat(tooLargeProblem.get("detail").asText()).contains("larger than 65536 bytes");
        assertThat(tooLargeProblem.get("instance").asText()).isEqualTo(BASE + "/handoff-requests");
        // sent without a length (chunked), it is refused once the limit is passed while it is read: the same problem
        ObjectNode padded = good.get();
        ((ObjectNode) padded.get("body").get("facts")).put("freeText", "x".repeat(100 * 1024));
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + BASE + "/handoff-requests"))
                .header("Authorization", "Bearer " + gpToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(padded)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(chunked, 413, null);
        assertThat(chunked.body()).doesNotContain("xxxx");

        assertThat(post(gpToken(), "/handoff-requests", "text/plain", JSON.writeValueAsBytes(good.get())).statusCode()).isEqualTo(415);
        assertThat(post(null, "/handoff-requests", "application/json", JSON.writeValueAsBytes(good.get())).statusCode()).isEqualTo(401);
        assertThat(post(idp.signWithForgersKey(idp.claims().claim("azp", "gp-his-test").build()), "/handoff-requests",
                "application/json", JSON.writeValueAsBytes(good.get())).statusCode()).isEqualTo(401);
        // staff are no partner: a valid OPS token may not send in anyone's name
        assertThat(post(ops, "/handoff-requests", "application/json", JSON.writeValueAsBytes(good.get())).statusCode()).isEqualTo(403);
        // a client of the identity provider that is no partner's
        assertThat(post(idp.sign(idp.claims().claim("azp", "some-other-client").build()), "/handoff-requests",
                "application/json", JSON.writeValueAsBytes(good.get())).statusCode()).isEqualTo(403);

        // and after all that, a good one still goes through: the refusals were not for lack of a working edge
        ObjectNode fine = good.get();
        assertThat(post("/handoff-requests", fine).statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> outboxRecordsWith(fine.get("messageId").asText()).size() == 1);
        for (String refused : ids.subList(0, ids.size() - 1)) {
            assertThat(outboxRecordsWith(refused)).as("record of refused request %s", refused).isEmpty();
        }
    }

    /** An HTTP answer as read off the socket: status, header lines, body. */
    private record RawAnswer(int status, List<String> headers, String body) {
    }

    /**
     * Announces a 10 MB body and sends its start: the hub answers by the length at once, and closes the connection
     * rather than read megabytes it refuses (an HTTP client still sending then sees the connection close instead).
     */
    private RawAnswer tenMegabytes(byte[] start) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            String head = "POST " + BASE + "/handoff-requests HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + gpToken()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (10 * 1024 * 1024) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(start);
            socket.getOutputStream().flush();
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int status = Integer.parseInt(in.readLine().split(" ")[1]);
            List<String> headers = new java.util.ArrayList<>();
            int length = -1;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                headers.add(line);
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            assertThat(length).as("the problem is sent with its length").isPositive();
            char[] body = new char[length]; // the problem is ASCII: as many chars as bytes
            for (int read = 0; read < length; ) {
                int n = in.read(body, read, length - read);
                assertThat(n).as("the whole problem arrives before the connection closes").isPositive();
                read += n;
            }
            return new RawAnswer(status, headers, new String(body));
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        if (field != null) {
            assertThat(problem.get("detail").asText()).contains("'" + field + "'");
        }
    }

    @Test
    void theCheckedInOpenApiDocumentIsServedAndDescribesExactlyTheRunningRoutes() throws Exception {
        HttpResponse<String> served = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + BASE + "/openapi.yaml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).isEqualTo(200);
        String checkedIn = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("..", "connectors", "src", "main", "resources",
                "openapi", "iwa-connect-v1.yaml")), StandardCharsets.UTF_8);
        assertThat(served.body()).isEqualTo(checkedIn);

        JsonNode document = new YAMLMapper().readTree(checkedIn);
        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.at("/servers/0/url").asText()).isEqualTo(BASE);
        TreeSet<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey()));
        }
        TreeSet<String> running = new TreeSet<>();
        camel.getRestRegistry().listAllRestServices().stream()
                .filter(s -> (s.getBasePath() + "").startsWith(BASE))
                .forEach(s -> running.add(s.getMethod().toUpperCase() + " " + (s.getBasePath() + (s.getUriTemplate() == null ? "" : s.getUriTemplate())).substring(BASE.length())));

        assertThat(running).isEqualTo(documented).isNotEmpty();
    }
}
