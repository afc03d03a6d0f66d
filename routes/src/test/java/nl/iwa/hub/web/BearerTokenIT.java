package nl.iwa.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testing.LogCapture;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.testing.TestTokenIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * OIDC bearer tokens beside the local users, against a real JWK set ({@link TestTokenIssuer}): a good token
 * is a user named by its subject with the roles its claim maps to; every bad one is a 401 that names no token.
 */
class BearerTokenIT extends HubIntegrationTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final TestTokenIssuer idp = TestTokenIssuer.get();
    /** Every token this test sent: none may show in a log line or a response. */
    private final List<String> sent = new ArrayList<>();

    private HttpResponse<String> send(String token, String method, String path) throws Exception {
        sent.add(token);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).doesNotContain(secretPartsOf(token));
        assertThat(response.headers().map().values()).allSatisfy(values ->
                assertThat(String.join("\n", values)).doesNotContain(secretPartsOf(token)));
        return response;
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer").contains("error=\"invalid_token\""));
    }

    /** The claims and signature parts: the header part is the same for many tokens and proves nothing. */
    private static String[] secretPartsOf(String token) {
        String[] parts = token.split("\\.", -1);
        return parts.length == 3 && !parts[2].isEmpty() ? new String[] {parts[1], parts[2]} : new String[] {token};
    }

    @AfterEach
    void noTokenReachedTheLogs() {
        List<String> lines = LogCapture.lines();
        for (String token : sent) {
            assertThat(lines).noneMatch(line -> line.contains(secretPartsOf(token)[0]));
        }
    }

    @Test
    void aTokenWithRoleOpsReadsAndReplaysAsOps() throws Exception {
        String ops = idp.sign(idp.claims("offline_access", "OPS").build());

        assertThat(send(ops, "GET", "/api/ops/handoffs").statusCode()).isEqualTo(200);
        assertThat(send(ops, "GET", "/api/ops/dead-letters").statusCode()).isEqualTo(200);
        // past the role check: no such dead letter
        assertThat(send(ops, "POST", "/api/ops/dead-letters/7/0/replay").statusCode()).isEqualTo(404);
        // and nothing of the privacy officer's
        assertThat(send(ops, "GET", "/api/privacy/policies").statusCode()).isEqualTo(403);
    }

    @Test
    void aControllerKnowsTheUserByTheTokensSubject() throws Exception {
        String subject = "f81d4fae-" + System.nanoTime();
        String officer = idp.sign(idp.claims("PRIVACY_OFFICER").subject(subject).build());
        sent.add(officer);

        HttpResponse<String> report = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/privacy/subject-access"))
                .header("Authorization", "Bearer " + officer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"bsn\":\"" + SyntheticResidents.next().getBsn() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        assertThat(LogCapture.lines()).anyMatch(line -> line.contains("subject access report by oidc:" + subject + ":"));
    }

    @Test
    void aPrivacyOfficerTokenReadsDeliveryStateButMayNotReplay() throws Exception {
        String officer = idp.sign(idp.claims("PRIVACY_OFFICER").build());

        assertThat(send(officer, "GET", "/api/ops/dead-letters").statusCode()).isEqualTo(200);
        assertThat(send(officer, "GET", "/api/privacy/policies").statusCode()).isEqualTo(200);
        assertThat(send(officer, "POST", "/api/ops/dead-letters/7/0/replay").statusCode()).isEqualTo(403);
    }

    @Test
    void aRoleNobodyMappedOpensNothing() throws Exception {
        String stranger = idp.sign(idp.claims("fg-team", "ops", "ADMIN").build());

        assertThat(send(stranger, "GET", "/api/ops/handoffs").statusCode()).isEqualTo(403);
        assertThat(send(stranger, "GET", "/api/privacy/policies").statusCode()).isEqualTo(403);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        Instant past = Instant.now().minusSeconds(600);
        String expired = idp.sign(idp.claims("OPS").issueTime(Date.from(past.minusSeconds(300))).expirationTime(Date.from(past)).build());

        HttpResponse<String> response = send(expired, "GET", "/api/ops/handoffs");

        assertRefused(response);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("expired"));
    }

    @Test
    void aTokenForAnotherApplicationIsRefused() throws Exception {
        assertRefused(send(idp.sign(idp.claims("OPS").audience("another-app").build()), "GET", "/api/ops/handoffs"));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        assertRefused(send(idp.sign(idp.claims("OPS").issuer("https://login.elsewhere.example/realms/iwa").build()),
                "GET", "/api/ops/handoffs"));
    }

    @Test
    void aTokenSignedWithAnotherKeyOrNotAtAllIsRefused() throws Exception {
        JWTClaimsSet ops = idp.claims("OPS").build();

        assertRefused(send(idp.signWithForgersKey(ops), "GET", "/api/ops/handoffs"));
        assertRefused(send(new PlainJWT(ops).serialize(), "GET", "/api/ops/handoffs"));
        assertRefused(send("not-a-token", "GET", "/api/ops/handoffs"));
        // on an open endpoint too: a bad token is refused, never ignored
        assertRefused(send(idp.signWithForgersKey(ops), "GET", "/actuator/health"));
    }

    @Test
    void refusedTokensLockNoUserOutAndAnonymousRequestsStillGetTheBasicChallenge() throws Exception {
        JWTClaimsSet claimingOps = idp.claims("OPS").subject("ops").build();
        for (int i = 0; i <= LoginThrottle.MAX_FAILURES; i++) {
            assertRefused(send(idp.signWithForgersKey(claimingOps), "GET", "/api/ops/handoffs"));
        }

        String basic = Base64.getEncoder().encodeToString(("ops:" + OPS_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<Void> asOps = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/ops/handoffs"))
                .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/ops/handoffs"))
                .build(), HttpResponse.BodyHandlers.discarding());

        assertThat(asOps.statusCode()).isEqualTo(200);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }
}
