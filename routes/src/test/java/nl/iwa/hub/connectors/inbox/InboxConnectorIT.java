package nl.iwa.hub.connectors.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import nl.iwa.hub.config.HubProperties;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.inbox.HandoffDelivery;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.inbox.Rejection;
import nl.iwa.hub.contract.inbox.StatusRelay;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testing.LogCapture;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.testing.Scenarios;
import nl.iwa.hub.testing.StandaloneHub;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testing.TestTokenIssuer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Partners without Kafka get their inbox by webhook (NL GOV CloudEvents, committed only after a 2xx) or pull it
 * (committed on acknowledgement); either way the commit is what the hub observes as DELIVERED. A hub of its own,
 * whose partners.yaml gives the GP and W&I support a webhook on a real HTTP server here, and UWV and the housing
 * corporation the pull endpoints.
 */
class InboxConnectorIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PSYCHOSOCIAL = "PSYCHOSOCIAL_SUPPORT";
    private static final String TOKEN = "test-only-webhook-token-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    static String prefix;
    static WebhookReceiver receiver;
    static StandaloneHub hub;
    static PartnerClient gp;
    static PartnerClient socialTeam;
    static PartnerClient wiSupport;
    static HttpClient http;
    static final List<Subject> residents = new ArrayList<>();

    @BeforeAll
    static void start(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        prefix = "ib" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        receiver = new WebhookReceiver();
        Path token = dir.resolve("gp-webhook-token");
        Files.writeString(token, TOKEN + "\n");
        Path partners = dir.resolve("partners.yaml");
        Path config = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
        // the connectors blocks below replace any the reviewed file has (a key may appear only once per partner)
        String yaml = Files.readString(config.resolve("partners.yaml")).replaceAll("(?m)^    connectors: .*\n", "");
        yaml = connect(yaml, "gp-heerlen-centrum", "{rest: {clientId: " + prefix + "-gp}, inbox: {delivery: WEBHOOK, url: \""
                + receiver.url("/events") + "\", tokenFile: \"" + token + "\"}}");
        yaml = connect(yaml, "wi-heerlen-support", "{inbox: {delivery: WEBHOOK, url: \"" + receiver.url("/gone")
                + "\", tokenFile: \"" + token + "\"}}");
        yaml = connect(yaml, "uwv-zuid-limburg", "{rest: {clientId: " + prefix + "-uwv}, inbox: {delivery: PULL}}");
        yaml = connect(yaml, "housing-mijnstreek", "{rest: {clientId: " + prefix + "-housing}, inbox: {delivery: PULL}}");
        Files.writeString(partners, yaml);

        TestInfrastructure infra = TestInfrastructure.get();
        // what 'access apply' does for this partners.yaml: the hub may read the connector partners' inboxes and groups
        infra.applyAccess(partners, config.resolve("policies.yaml"), prefix);
        TestTokenIssuer issuer = TestTokenIssuer.get();
        hub = StandaloneHub.start(prefix,
                "--iwa.config.partners=" + partners,
                "--iwa.security.oidc.issuer-uri=" + issuer.issuer(),
                "--iwa.security.oidc.audience=" + TestTokenIssuer.AUDIENCE,
                "--iwa.security.oidc.roles-claim=" + TestTokenIssuer.ROLES_CLAIM,
                "--iwa.connectors.inbox.retry.initial=50ms",
                "--iwa.connectors.inbox.retry.max-interval=400ms",
                "--iwa.connectors.inbox.retry.give-up-after=2m");
        gp = partner(infra, "gp-heerlen-centrum");
        socialTeam = partner(infra, "socialteam-heerlen");
        wiSupport = partner(infra, "wi-heerlen-support");
        http = HttpClient.newHttpClient();
    }

    /** Names the partner's own consumer group for this hub and adds its connectors block. */
    private static String connect(String yaml, String partnerId, String connectors) {
        String group = "    inboxConsumerGroup: " + partnerId + "-inbox\n";
        assertThat(yaml).contains(group);
        return yaml.replace(group, "    inboxConsumerGroup: " + prefix + "-" + partnerId + "-inbox\n    connectors: " + connectors + "\n");
    }

    private static PartnerClient partner(TestInfrastructure infra, String id) {
        return new PartnerClient(id, prefix, infra.partnerConnection(id).properties(), infra.registryUrl());
    }

    @AfterAll
    static void stop() {
        try {
            // nothing personal in the logs of any of it
            List<String> lines = LogCapture.lines();
            for (Subject r : residents) {
                for (String value : SyntheticResidents.personalValues(r)) {
                    assertThat(lines).noneMatch(l -> l.contains(value));
                }
            }
        } finally {
            for (AutoCloseable c : new AutoCloseable[] {gp, socialTeam, wiSupport, hub, receiver}) {
                try {
                    if (c != null) {
                        c.close();
                    }
                } catch (Exception e) {
                    // closing the rest still matters
                }
            }
        }
    }

    @Test
    void theSocialTeamsReceivedReachesTheGpsWebhookAsACloudEventOnce() throws Exception {
        // Given the GP hands a resident over to the social team, with the resident's consent
        Subject resident = SyntheticResidents.next();
        residents.add(resident);
        String caseId = UUID.randomUUID().toString();
        gp.send(gp.message("hub", PSYCHOSOCIAL, Bodies.grant(UUID.randomUUID().toString(), resident, PSYCHOSOCIAL,
                "socialteam-heerlen", "IDENTITY", "CONTACT", "WELLBEING")).setCorrelationId(caseId).build());
        HandoffRequest request = Bodies.psychosocial(resident);
        gp.send(gp.message("socialteam-heerlen", PSYCHOSOCIAL, request).setCorrelationId(caseId).build());
        String id = request.getHandoffId();
        await().atMost(WAIT).until(() -> socialTeam.inbox().values().stream()
                .anyMatch(m -> m.getBody() instanceof HandoffDelivery h && h.getHandoffId().equals(id)));

        // When the social team confirms receipt
        HandoffUpdate received = Bodies.update(id, HandoffStatus.RECEIVED);
        received.setAccountable("team-wijk-noord");
        socialTeam.send(socialTeam.message("gp-heerlen-centrum", PSYCHOSOCIAL, received).setCorrelationId(caseId).build());

        // Then the GP's webhook gets it as a CloudEvent of the NL GOV profile, with the subscription's token
        WebhookReceiver.Received post = await().atMost(WAIT).until(() -> receiver.posts("/events").stream()
                .filter(r -> relayOf(r.event(), id, "RECEIVED")).toList(), l -> !l.isEmpty()).get(0);
        JsonNode event = post.event();
        assertThat(post.header("Content-Type")).startsWith("application/cloudevents+json");
        assertThat(post.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(post.header("WebHook-Request-Origin")).isNotBlank();
        assertThat(post.query()).isNull();
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("type").asText()).isEqualTo("nl.iwa.hub.inbox.status-relay.v1");
        assertThat(event.get("source").asText()).isEqualTo("urn:nld:oin:" + TestInfrastructure.HUB_OIN + ":systeem:iwa-hub");
        assertThat(event.get("subject").asText()).isEqualTo(caseId);
        assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.get("time").asText()).isNotBlank();
        assertThat(event.at("/data/body/accountable").asText()).isEqualTo("team-wijk-noord");
        InboxMessage inGpsInbox = await().atMost(WAIT).until(() -> gp.inbox().values().stream().filter(m -> m.getBody() instanceof StatusRelay r
                && r.getHandoffId().equals(id) && r.getStatus() == HandoffStatus.RECEIVED).findFirst(), java.util.Optional::isPresent).get();
        assertThat(event.get("id").asText()).isEqualTo(inGpsInbox.getMessageId());
        ObjectNode attributes = ((ObjectNode) event).deepCopy();
        attributes.remove("data");
        for (String value : SyntheticResidents.personalValues(resident)) {
            assertThat(attributes.toString()).doesNotContain(value);
        }
        // the webhook's receiver was asked first whether it wants deliveries from the hub (the handshake)
        assertThat(receiver.all()).anyMatch(r -> r.method().equals("OPTIONS") && r.path().equals("/events"));

        // And the GP's inbox group is committed to the end once the webhook took everything, each message once
        // (past each record, as the hub's DeliveryWatch reads it; transaction markers take offsets too)
        await().atMost(WAIT).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = committed(prefix + "-gp-heerlen-centrum-inbox");
            return gp.inbox().readToEnd().stream().allMatch(r -> {
                OffsetAndMetadata at = committed.get(new TopicPartition(r.topic(), r.partition()));
                return at != null && at.offset() > r.offset();
            });
        });
        List<String> inboxIds = gp.inbox().values().stream().map(InboxMessage::getMessageId).toList();
        List<String> deliveredIds = receiver.posts("/events").stream().filter(r -> r.answered() / 100 == 2)
                .map(r -> r.event().get("id").asText()).toList();
        // (another test's webhook refuses one message on purpose: that one was posted, not taken)
        List<String> postedIds = receiver.posts("/events").stream().map(r -> r.event().get("id").asText()).toList();
        assertThat(deliveredIds).doesNotHaveDuplicates().contains(inGpsInbox.getMessageId());
        assertThat(postedIds).containsAll(inboxIds);
    }

    @Test
    void aWebhookThatAnswers500Then200GetsTheMessageOnce() {
        // Given the GP's webhook fails the first try of a rejection the GP is about to get
        OutboxMessage unlawful = gp.message("housing-mijnstreek", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(subject())).build();
        AtomicInteger tries = new AtomicInteger();
        receiver.answer("/events", e -> rejectionOf(e, unlawful.getMessageId()) && tries.getAndIncrement() == 0 ? 500 : 200);
        try {
            // When the hub rejects the GP's unlawful signal (no policy), into the GP's inbox
            gp.send(unlawful);

            // Then the webhook gets it again after the 500, and takes it once
            List<WebhookReceiver.Received> posts = await().atMost(WAIT).until(() -> receiver.posts("/events").stream()
                    .filter(r -> rejectionOf(r.event(), unlawful.getMessageId())).toList(), l -> l.size() >= 2);
            assertThat(posts).extracting(WebhookReceiver.Received::answered).containsExactly(500, 200);
            assertThat(posts.get(0).event().get("id")).isEqualTo(posts.get(1).event().get("id"));
            assertThat(posts.get(1).event().get("type").asText()).isEqualTo("nl.iwa.hub.inbox.rejection.v1");
        } finally {
            receiver.answer("/events", e -> 200);
        }
    }

    @Test
    void tooManyRequestsIsWaitedOutAsRetryAfterSays() {
        OutboxMessage unlawful = gp.message("housing-mijnstreek", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(subject())).build();
        AtomicInteger tries = new AtomicInteger();
        java.util.List<Long> at = java.util.Collections.synchronizedList(new ArrayList<>());
        receiver.answer("/events", e -> {
            if (!rejectionOf(e, unlawful.getMessageId())) {
                return 200;
            }
            at.add(System.nanoTime());
            return tries.getAndIncrement() == 0 ? 429 : 200; // the receiver adds Retry-After: 1
        });
        try {
            gp.send(unlawful);

            await().atMost(WAIT).until(() -> at.size() >= 2);
            // the back-off here is 50 ms; the second try waited for the second the webhook asked for
            assertThat(Duration.ofNanos(at.get(1) - at.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(receiver.posts("/events").stream().filter(r -> rejectionOf(r.event(), unlawful.getMessageId())))
                    .extracting(WebhookReceiver.Received::answered).containsExactly(429, 200);
        } finally {
            receiver.answer("/events", e -> 200);
        }
    }

    @Test
    void aMessageTheWebhookRefusesIsADeadLetterForOpsAndTheRestFlows() throws Exception {
        // Given the GP's webhook refuses one message as a format it does not understand (415)
        OutboxMessage refused = gp.message("housing-mijnstreek", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(subject())).build();
        OutboxMessage next = gp.message("housing-mijnstreek", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(subject())).build();
        receiver.answer("/events", e -> rejectionOf(e, refused.getMessageId()) ? 415 : 200);
        try {
            gp.send(refused);
            gp.send(next);

            // Then the message after it is delivered
            await().atMost(WAIT).until(() -> receiver.posts("/events").stream()
                    .anyMatch(r -> rejectionOf(r.event(), next.getMessageId()) && r.answered() == 200));
            // And ops find the refused one on the dead-letter topic, by its coordinates in the GP's inbox, without payload
            long offset = gp.inbox().readToEnd().stream().filter(r -> r.value().getBody() instanceof Rejection j
                    && refused.getMessageId().equals(j.getRejectedMessageId())).findFirst().orElseThrow().offset();
            HttpResponse<String> letters = http.send(HttpRequest.newBuilder(hubUri("/api/ops/dead-letters")).header("Authorization", opsAuth()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(letters.statusCode()).isEqualTo(200);
            JsonNode parked = null;
            for (JsonNode d : JSON.readTree(letters.body())) {
                if ((prefix + ".gp-heerlen-centrum.inbox").equals(d.path("sourceTopic").asText()) && d.path("sourceOffset").asLong() == offset) {
                    parked = d;
                }
            }
            assertThat(parked).as("dead letter of the refused message").isNotNull();
            assertThat(parked.get("reasonCode").asText()).isEqualTo("WEBHOOK_REFUSED");
            assertThat(parked.get("parkedByCoordinates").asBoolean()).isTrue();
            assertThat(receiver.posts("/events").stream().filter(r -> rejectionOf(r.event(), refused.getMessageId()))).hasSize(1);
        } finally {
            receiver.answer("/events", e -> 200);
        }
    }

    @Test
    void aWebhookThatAnswers410IsRetiredRemembersItAndGetsNothingMore() throws Exception {
        receiver.answer("/gone", e -> 410);
        // Given W&I support's webhook is gone
        OutboxMessage first = wiSupport.message("housing-mijnstreek", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(subject())).build();
        wiSupport.send(first);

        // Then ops see the subscription retired
        await().atMost(WAIT).until(() -> "RETIRED".equals(webhookState("wi-heerlen-support")));
        assertThat(receiver.posts("/gone")).hasSize(1);
        assertThat(receiver.posts("/gone").get(0).event().at("/data/body/rejectedMessageId").asText()).isEqualTo(first.getMessageId());

        // And the retirement is kept on the broker, at the message that was not delivered
        long firstOffset = wiSupport.inbox().readToEnd().stream().filter(r -> r.value().getBody() instanceof Rejection j
                && first.getMessageId().equals(j.getRejectedMessageId())).findFirst().orElseThrow().offset();
        Map<TopicPartition, OffsetAndMetadata> marked = committed(prefix + "-wi-heerlen-support-inbox");
        assertThat(marked.values()).anyMatch(o -> o.metadata().startsWith("webhook-retired:") && o.offset() == firstOffset);

        // When another message reaches the inbox, nothing is sent
        OutboxMessage second = wiSupport.message("housing-mijnstreek", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(subject())).build();
        wiSupport.send(second);
        await().atMost(WAIT).until(() -> wiSupport.inbox().values().stream()
                .anyMatch(m -> m.getBody() instanceof Rejection j && second.getMessageId().equals(j.getRejectedMessageId())));
        assertThat(receiver.posts("/gone")).hasSize(1);
        assertThat(webhookState("wi-heerlen-support")).isEqualTo("RETIRED");

        // And the metric says so
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(hubUri("/actuator/prometheus")).header("Authorization", opsAuth()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).containsPattern("iwa_connectors_webhook_retired\\{[^}]*partner=\"wi-heerlen-support\"[^}]*} 1\\.0");
    }

    @Test
    void aPullPartnerAcknowledgesAndTheHubObservesDelivered() throws Exception {
        String uwv = token(prefix + "-uwv");
        // a cursor from before the handoff, to be stale later
        HttpResponse<String> early = pull(uwv, "10");
        assertThat(early.statusCode()).isEqualTo(200);
        String earlyCursor = early.headers().firstValue("Inbox-Cursor").orElseThrow();

        // Given the social team hands a resident over to UWV, which pulls its inbox
        HandoffRequest request = Scenarios.workReintegrationHandoff(socialTeam, WAIT);
        residents.add(request.getSubject());
        String id = request.getHandoffId();
        HttpResponse<String> batch = await().atMost(WAIT).until(() -> pull(uwv, "10"),
                r -> r.statusCode() == 200 && handoffIn(r.body(), id));
        assertThat(batch.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/cloudevents-batch+json");
        assertThat(relays(id)).doesNotContain(HandoffStatus.DELIVERED);

        // When UWV acknowledges what it pulled
        HttpResponse<String> ack = ack(uwv, batch.headers().firstValue("Inbox-Cursor").orElseThrow());
        assertThat(ack.statusCode()).isEqualTo(200);

        // Then the hub observes DELIVERED and tells the social team
        await().atMost(WAIT).until(() -> relays(id).contains(HandoffStatus.DELIVERED));
        assertThat(pull(uwv, "10").body()).doesNotContain(id);

        // And a cursor behind what was acknowledged is stale; an acknowledgement repeated is harmless
        HttpResponse<String> stale = ack(uwv, earlyCursor);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(ack(uwv, batch.headers().firstValue("Inbox-Cursor").orElseThrow()).statusCode()).isEqualTo(200);
    }

    @Test
    void aCursorIsOnlyForThePartnerItWasHandedToAndOnlyPullPartnersPull() throws Exception {
        String uwv = token(prefix + "-uwv");
        String housingCursor = pull(token(prefix + "-housing"), "5").headers().firstValue("Inbox-Cursor").orElseThrow();

        assertThat(ack(uwv, housingCursor).statusCode()).isEqualTo(403);
        String uwvCursor = pull(uwv, "5").headers().firstValue("Inbox-Cursor").orElseThrow();
        String[] parts = uwvCursor.split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"p\":\"uwv-zuid-limburg\",\"o\":{\"0\":999999}}").getBytes(StandardCharsets.UTF_8)) + "." + parts[1];
        HttpResponse<String> refused = ack(uwv, forged);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("cursor").doesNotContain("999999");
        assertThat(pull(token(prefix + "-gp"), "5").statusCode()).isEqualTo(403);
        assertThat(pull(uwv, "0").statusCode()).isEqualTo(400);
        assertThat(pull(uwv, "1000").statusCode()).isEqualTo(400);
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(hubUri("/api/connect/v1/inbox")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    // --- helpers

    private static Subject subject() {
        Subject s = SyntheticResidents.next();
        residents.add(s);
        return s;
    }

    private static boolean relayOf(JsonNode event, String handoffId, String status) {
        return event != null && handoffId.equals(event.at("/data/body/handoffId").asText()) && status.equals(event.at("/data/body/status").asText());
    }

    private static boolean rejectionOf(JsonNode event, String messageId) {
        return event != null && messageId.equals(event.at("/data/body/rejectedMessageId").asText());
    }

    private static boolean handoffIn(String batch, String handoffId) {
        JsonNode events;
        try {
            events = JSON.readTree(batch);
        } catch (java.io.IOException e) {
            throw new AssertionError("the batch is not JSON", e);
        }
        for (JsonNode e : events) {
            if (e.get("type").asText().equals("nl.iwa.hub.inbox.handoff-delivery.v1") && handoffId.equals(e.at("/data/body/handoffId").asText())) {
                return true;
            }
        }
        return false;
    }

    private static List<HandoffStatus> relays(String handoffId) {
        return socialTeam.inbox().values().stream().filter(m -> m.getBody() instanceof StatusRelay r && r.getHandoffId().equals(handoffId))
                .map(m -> ((StatusRelay) m.getBody()).getStatus()).toList();
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(String group) throws Exception {
        try (Admin admin = Admin.create(TestInfrastructure.get().adminConnection().properties())) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        }
    }

    private static String webhookState(String partnerId) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(hubUri("/api/ops/connectors/webhooks")).header("Authorization", opsAuth()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        for (JsonNode s : JSON.readTree(r.body())) {
            if (s.get("partnerId").asText().equals(partnerId)) {
                return s.get("state").asText();
            }
        }
        return null;
    }

    private static String token(String clientId) {
        TestTokenIssuer issuer = TestTokenIssuer.get();
        return issuer.sign(issuer.claims().claim("azp", clientId).build());
    }

    private static HttpResponse<String> pull(String bearer, String max) throws Exception {
        return http.send(HttpRequest.newBuilder(hubUri("/api/connect/v1/inbox?max=" + max)).header("Authorization", "Bearer " + bearer).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> ack(String bearer, String cursor) throws Exception {
        String body = JSON.createObjectNode().put("cursor", cursor).toString();
        return http.send(HttpRequest.newBuilder(hubUri("/api/connect/v1/inbox/ack")).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI hubUri(String path) {
        return URI.create("http://localhost:" + hub.port() + path);
    }

    private static String opsAuth() {
        return "Basic " + Base64.getEncoder().encodeToString(("ops:" + HubIntegrationTest.OPS_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
