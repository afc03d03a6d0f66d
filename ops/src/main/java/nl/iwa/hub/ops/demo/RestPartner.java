package nl.iwa.hub.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import nl.iwa.hub.contract.outbox.OutboxMessage;

/**
 * A partner system that sends by REST, as the GP's information system does: it takes an OAuth2 token with the
 * client-credentials grant (its client id and the secret from its file), then POSTs each message as JSON to
 * {@code /api/connect/v1/...}. Messages go one at a time in the order given, each after the previous one was
 * accepted, because order matters within a case: a consent must be recorded before the handoff it allows.
 */
public final class RestPartner implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Take a new token this long before the current one expires. */
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(30);

    private final String partnerId;
    private final URI tokenUri;
    private final String clientId;
    private final Path secretFile;
    private final URI apiBase;
    private final Summary summary;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService sender;
    private String token;
    private Instant tokenExpires = Instant.MIN;

    /** What the hub answered a message: its HTTP status and, for a refusal, the problem's title. */
    record Answer(int status, String title) {
        boolean accepted() {
            return status == 202;
        }
    }

    /**
     * @param apiBase e.g. {@code http://localhost:8080/api/connect/v1/}
     */
    public RestPartner(String partnerId, URI tokenUri, String clientId, Path secretFile, URI apiBase, Summary summary) {
        this.partnerId = partnerId;
        this.tokenUri = tokenUri;
        this.clientId = clientId;
        this.secretFile = secretFile;
        this.apiBase = apiBase;
        this.summary = summary;
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, partnerId + "-rest");
            t.setDaemon(true);
            return t;
        });
    }

    public String partnerId() {
        return partnerId;
    }

    /** Queues a message; {@code whenRefused} runs if the hub does not accept it (or cannot be reached). */
    void send(OutboxMessage m, Runnable whenRefused) {
        try {
            sender.execute(() -> {
                Answer answer = post(m);
                if (answer.accepted()) {
                    summary.restAccepted(partnerId);
                } else {
                    summary.restRefused(partnerId, answer.status(), RestJson.path(m), answer.title());
                    whenRefused.run();
                }
            });
        } catch (RejectedExecutionException stopping) {
            // the demo is stopping
        }
    }

    /** POSTs one message, with a fresh token when needed; waits out a 429 as its Retry-After says. */
    Answer post(OutboxMessage m) {
        String body = RestJson.of(m).toString();
        URI uri = apiBase.resolve(RestJson.path(m));
        boolean renewToken = false;
        try {
            for (int attempt = 0; attempt < 5; attempt++) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token(renewToken))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 429) {
                    long wait = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                    TimeUnit.SECONDS.sleep(Math.min(wait, 10)); // the rate limit's own pacing, not a synchronisation
                    continue;
                }
                if (response.statusCode() == 401 && !renewToken) {
                    renewToken = true; // the token may have just expired: once more with a new one
                    continue;
                }
                renewToken = false;
                return new Answer(response.statusCode(), title(response));
            }
            return new Answer(429, "still over the rate");
        } catch (IOException e) {
            return new Answer(-1, "hub not reachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        } catch (TokenRefused e) {
            return new Answer(-1, e.getMessage());
        }
    }

    /** The problem's title (RFC 9457): it names what was wrong, never a value; the detail stays out of the console too. */
    private static String title(HttpResponse<String> response) {
        try {
            JsonNode problem = JSON.readTree(response.body());
            return problem == null ? "" : problem.path("title").asText("");
        } catch (IOException notJson) {
            return "";
        }
    }

    private static final class TokenRefused extends RuntimeException {
        TokenRefused(String message) {
            super(message);
        }
    }

    /** RFC 6749 §4.4: the client-credentials grant, the client authenticated by HTTP Basic (§2.3.1). */
    private String token(boolean renew) throws IOException, InterruptedException {
        if (!renew && token != null && Instant.now().isBefore(tokenExpires.minus(TOKEN_MARGIN))) {
            return token;
        }
        String secret = Files.readString(secretFile).trim(); // read each time: a rotated secret is used without a restart
        String basic = Base64.getEncoder().encodeToString((form(clientId) + ":" + form(secret)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenUri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new TokenRefused("token refused (" + response.statusCode() + ")");
        }
        JsonNode answer = JSON.readTree(response.body());
        token = answer.path("access_token").asText();
        tokenExpires = Instant.now().plusSeconds(answer.path("expires_in").asLong(60));
        return token;
    }

    private static String form(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
