package nl.iwa.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Flow;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testing.LogCapture;
import nl.iwa.hub.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The hub's HTTP side under requests nobody should send: too large, malformed, aimed at nothing. */
class HttpAbuseIT extends HubIntegrationTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpRequest.Builder as(String user, String password, String path) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json");
    }

    private HttpRequest.Builder officer(String path) {
        return as("privacy-officer", PRIVACY_OFFICER_PASSWORD, path);
    }

    @Test
    void aMalformedBirthDateIsRefusedWithoutRepeatingItAnywhere() throws Exception {
        String date = "1970-13-45";
        HttpResponse<String> response = http.send(officer("/api/privacy/subject-access").POST(HttpRequest.BodyPublishers.ofString(
                "{\"givenName\":\"A\",\"familyName\":\"Jansen\",\"birthDate\":\"" + date + "\",\"postcode\":\"6411 AB\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain(date, "Jansen");
        assertThat(LogCapture.lines()).noneMatch(line -> line.contains(date));
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhetherItSaysItsSizeOrNot() throws Exception {
        byte[] large = ("{\"familyName\":\"" + "x".repeat(RequestSizeLimit.MAX_BYTES * 16) + "\"}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> withLength = http.send(officer("/api/privacy/subject-access")
                .POST(HttpRequest.BodyPublishers.ofByteArray(large)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> chunked = http.send(officer("/api/privacy/subject-access")
                .POST(withoutLength(large)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(withLength.statusCode()).isEqualTo(413);
        assertThat(chunked.statusCode()).isEqualTo(413);
        // refused by its length (the filter) or while it was read (the controller advice): the same problem document
        for (HttpResponse<String> refused : List.of(withLength, chunked)) {
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(refused.body()).contains("\"status\":413").contains("larger than " + RequestSizeLimit.MAX_BYTES + " bytes")
                    .doesNotContain("xxxx");
        }
    }

    @Test
    void aReplayOfAPartitionThatDoesNotExistIsNotFound() throws Exception {
        HttpResponse<String> response = http.send(as("ops", OPS_PASSWORD, "/api/ops/dead-letters/7/0/replay")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void afterFiveWrongPasswordsEvenTheRightOneWaitsOutTheLockout() throws Exception {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(status(as("ops", "guess-" + i, "/api/ops/dead-letters"))).isEqualTo(401);
        }
        try {
            HttpResponse<String> locked = http.send(as("ops", OPS_PASSWORD, "/api/ops/dead-letters").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(locked.statusCode()).isEqualTo(429);
            assertThat(locked.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
            // another user is not locked out by them
            assertThat(status(as("privacy-officer", PRIVACY_OFFICER_PASSWORD, "/api/ops/dead-letters"))).isEqualTo(200);
        } finally {
            TestClock.INSTANCE.advance(LoginThrottle.LOCKOUT.plusSeconds(1));
        }
        assertThat(status(as("ops", OPS_PASSWORD, "/api/ops/dead-letters"))).isEqualTo(200);
    }

    private int status(HttpRequest.Builder request) throws Exception {
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A body of unknown length: sent chunked, so only counting what is read can stop it. */
    private static HttpRequest.BodyPublisher withoutLength(byte[] body) {
        HttpRequest.BodyPublisher inner = HttpRequest.BodyPublishers.ofByteArrays(List.of(body));
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                inner.subscribe(subscriber);
            }
        };
    }
}
