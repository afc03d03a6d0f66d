package nl.iwa.hub.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo's webhook over real HTTP, answering what the hub's WebhookClient sends. */
class WebhookReceiverTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "token-of-this-test";
    private static final String EVENT = """
            {"specversion":"1.0","id":"5f0c8c1e-3b5e-4d4f-9a51-2a9c6f0e7d11","source":"urn:nld:oin:99999999000000000999:systeem:iwa-hub",
             "type":"nl.iwa.hub.inbox.status-relay.v1","datacontenttype":"application/json",
             "data":{"originPartnerId":"socialteam-heerlen","causationId":"m-1","body":{"handoffId":"h-1","status":"RECEIVED"}}}""";

    private WebhookReceiver receiver;
    private final List<JsonNode> handedOn = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        receiver = WebhookReceiver.start(0, "/his/iwa/events", TOKEN, "iwa-hub");
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void theHandshakeConsentsToTheHubWithItsToken() throws Exception {
        HttpResponse<Void> answer = options("Bearer " + TOKEN, "iwa-hub");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("WebHook-Allowed-Origin")).contains("iwa-hub");
        assertThat(receiver.handshakes()).isEqualTo(1);
    }

    @Test
    void theHandshakeOfAnotherOriginOrWithoutTheTokenIsNotConsentedTo() throws Exception {
        HttpResponse<Void> otherOrigin = options("Bearer " + TOKEN, "someone-else");
        HttpResponse<Void> noToken = options(null, "iwa-hub");
        HttpResponse<Void> wrongToken = options("Bearer not-" + TOKEN, "iwa-hub");

        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        for (HttpResponse<Void> r : List.of(otherOrigin, noToken, wrongToken)) {
            assertThat(r.headers().firstValue("WebHook-Allowed-Origin")).isEmpty();
        }
        assertThat(receiver.handshakes()).isZero();
    }

    @Test
    void anEventIsAcknowledgedAndHandedOnOnceEvenWhenRedelivered() throws Exception {
        receiver.onEvent(handedOn::add);

        int first = post("Bearer " + TOKEN, "application/cloudevents+json; charset=utf-8", EVENT);
        int again = post("Bearer " + TOKEN, "application/cloudevents+json; charset=utf-8", EVENT);

        assertThat(first).isEqualTo(204);
        assertThat(again).isEqualTo(204);
        assertThat(handedOn).singleElement().satisfies(e -> assertThat(e.path("type").asText()).isEqualTo("nl.iwa.hub.inbox.status-relay.v1"));
        assertThat(receiver.received()).isEqualTo(1);
        assertThat(receiver.duplicates()).isEqualTo(1);
    }

    @Test
    void whatIsNotAnAuthenticCloudEventIsRefusedAndNotHandedOn() throws Exception {
        receiver.onEvent(handedOn::add);

        assertThat(post(null, "application/cloudevents+json", EVENT)).isEqualTo(401);
        assertThat(post("Bearer " + TOKEN, "application/json", EVENT)).isEqualTo(415);
        assertThat(post("Bearer " + TOKEN, "application/cloudevents+json", "{not json")).isEqualTo(400);
        assertThat(post("Bearer " + TOKEN, "application/cloudevents+json", "{\"specversion\":\"1.0\"}")).isEqualTo(400);
        assertThat(handedOn).isEmpty();
    }

    @Test
    void beforeTheDemoListensADeliveryIsToBeTriedAgain() throws Exception {
        assertThat(post("Bearer " + TOKEN, "application/cloudevents+json", EVENT)).isEqualTo(503);

        receiver.onEvent(handedOn::add);

        assertThat(post("Bearer " + TOKEN, "application/cloudevents+json", EVENT)).isEqualTo(204);
        assertThat(handedOn).hasSize(1);
    }

    private HttpResponse<Void> options(String authorization, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(receiver.url())).timeout(Duration.ofSeconds(5))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("WebHook-Request-Origin", origin);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    private int post(String authorization, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(receiver.url())).timeout(Duration.ofSeconds(5))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
