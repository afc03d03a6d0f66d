package nl.iwa.hub.connectors.inbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The HTTP side of one webhook subscription: the profile's validation handshake and the POST of one event. The
 * JDK's HttpClient is enough for two requests with a bearer token; it needs no extra library in the hub.
 */
final class WebhookClient {

    /** An answer, or none ({@code status} -1) when the webhook could not be reached or did not answer in time. */
    record Answer(int status, String retryAfter, String allowedOrigin) {
        static final Answer NONE = new Answer(-1, null, null);
    }

    private final HttpClient http;
    private final URI url;
    private final Supplier<String> token;
    private final String origin;
    private final Duration timeout;

    WebhookClient(URI url, Supplier<String> token, String origin, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.url = url;
        this.token = token;
        this.origin = origin;
        this.timeout = timeout;
    }

    /**
     * Abuse protection of the webhook spec: an OPTIONS request naming the hub in {@code WebHook-Request-Origin}; the
     * receiver consents to deliveries by naming it (or {@code *}) in {@code WebHook-Allowed-Origin}.
     */
    Answer validate() throws InterruptedException {
        return send(HttpRequest.newBuilder(url).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    boolean allows(Answer answer) {
        return answer.status() >= 200 && answer.status() < 300 && answer.allowedOrigin() != null
                && (answer.allowedOrigin().trim().equals("*") || answer.allowedOrigin().trim().equalsIgnoreCase(origin));
    }

    Answer post(String cloudEventJson) throws InterruptedException {
        return send(HttpRequest.newBuilder(url)
                .header("Content-Type", InboxCloudEvents.MEDIA_TYPE + "; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(cloudEventJson, StandardCharsets.UTF_8)));
    }

    private Answer send(HttpRequest.Builder request) throws InterruptedException {
        request.timeout(timeout).header("WebHook-Request-Origin", origin);
        String bearer = token.get();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("WebHook-Allowed-Origin").orElse(null));
        } catch (IOException e) {
            return Answer.NONE;
        }
    }
}
