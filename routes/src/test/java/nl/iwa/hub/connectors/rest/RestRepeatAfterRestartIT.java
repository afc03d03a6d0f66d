package nl.iwa.hub.connectors.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import nl.iwa.hub.testing.StandaloneHub;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testing.TestTokenIssuer;
import nl.iwa.hub.testkit.TopicProbe;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A repeat is recognised by a hub that did not see the first: the receipts outlive the hub that wrote them. And a
 * partner over its rate is told to wait (a hub of its own, with a small burst).
 */
class RestRepeatAfterRestartIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final TestTokenIssuer idp = TestTokenIssuer.get();

    private static StandaloneHub hub(String prefix) {
        TestTokenIssuer idp = TestTokenIssuer.get();
        return StandaloneHub.start(prefix,
                "--iwa.security.oidc.issuer-uri=" + idp.issuer(),
                "--iwa.security.oidc.audience=" + TestTokenIssuer.AUDIENCE,
                "--iwa.security.oidc.roles-claim=" + TestTokenIssuer.ROLES_CLAIM,
                // two requests at once, then one per ten seconds: the third in a row is over the rate
                "--iwa.connectors.rest.burst=2",
                "--iwa.connectors.rest.rate-per-second=0.1");
    }

    private HttpResponse<String> post(StandaloneHub hub, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + hub.port() + "/api/connect/v1/signals"))
                .header("Authorization", "Bearer " + idp.sign(idp.claims().claim("azp", "gp-his-test").build()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRepeatAfterARestartGetsTheFirstAnswerAndWritesNothingAndTooManyAreTooMany() throws Exception {
        String prefix = "rest" + Long.toString(System.nanoTime() % 1_000_000, 36);
        String messageId = UUID.randomUUID().toString();
        // a signal the hub will not deliver (no policy), which does not matter here: only the ingress is under test
        String json = """
                {"messageId":"%s","correlationId":"%s","receiverPartnerId":"socialteam-heerlen","purpose":"TEST_ONLY",
                 "occurredAt":"%s","body":{"signalType":"MULTI_PROBLEM_HOUSEHOLD","domain":"SOCIAL",
                 "subject":{"bsn":"999990019"},"facts":{}}}""".formatted(messageId, UUID.randomUUID(), Instant.now());

        HttpResponse<String> first;
        try (StandaloneHub hub = hub(prefix)) {
            first = post(hub, json);
        }
        HttpResponse<String> again;
        HttpResponse<String> overTheRate;
        try (StandaloneHub hub = hub(prefix)) {
            again = post(hub, json);
            post(hub, "{}");
            overTheRate = post(hub, json);
        }

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(overTheRate.statusCode()).isEqualTo(429);
        assertThat(overTheRate.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 10L));
        assertThat(overTheRate.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        byte[] id = messageId.getBytes(StandardCharsets.UTF_8);
        try (TopicProbe<byte[]> outbox = new TopicProbe<>(TestInfrastructure.get().hubConnection().properties(),
                prefix + ".gp-heerlen-centrum.outbox", new ByteArrayDeserializer())) {
            assertThat(outbox.readToEnd()).filteredOn(r -> new String(r.value(), StandardCharsets.ISO_8859_1)
                    .contains(new String(id, StandardCharsets.ISO_8859_1))).hasSize(1);
        }
    }
}
