package nl.iwa.hub.ops.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local issuer over real HTTP: what it signs verifies against the JWK set it serves; a wrong secret gets nothing. */
class LocalTokenIssuerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalTokenIssuer issuer;

    @BeforeAll
    static void start() {
        issuer = LocalTokenIssuer.start(0, "iwa-hub-local", Map.of("gp-his-test", "s3cret:with/odd+chars", "other-client", "other"));
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void aTokenItSignsVerifiesAgainstItsJwkSetAndNamesTheClient() throws Exception {
        HttpResponse<String> response = token(basic("gp-his-test", "s3cret:with/odd+chars"), "grant_type=client_credentials");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(answer.path("expires_in").asLong()).isEqualTo(300);

        // verified as a resource server does: keys fetched from the served JWK set, RS256 only
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(URI.create(issuer.jwkSetUri()).toURL()).build()));
        processor.setJWSTypeVerifier((type, context) -> {
            if (type == null || !type.getType().equals("at+jwt")) {
                throw new BadJOSEException("typ " + type);
            }
        });
        JWTClaimsSet claims = processor.process(answer.path("access_token").asText(), null);

        assertThat(claims.getIssuer()).isEqualTo(issuer.issuer());
        assertThat(claims.getAudience()).containsExactly("iwa-hub-local");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("gp-his-test");
        assertThat(claims.getSubject()).isEqualTo("gp-his-test");
        assertThat(claims.getExpirationTime().toInstant()).isBetween(Instant.now().plusSeconds(240), Instant.now().plusSeconds(301));
    }

    @Test
    void theDiscoveryDocumentNamesTheJwkSetAndTheTokenEndpoint() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(issuer.issuer() + "/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode doc = JSON.readTree(response.body());
        assertThat(doc.path("issuer").asText()).isEqualTo(issuer.issuer());
        assertThat(doc.path("jwks_uri").asText()).isEqualTo(issuer.jwkSetUri());
        assertThat(doc.path("token_endpoint").asText()).isEqualTo(issuer.tokenUri());
    }

    @Test
    void aWrongSecretAnUnknownClientOrNoCredentialsGet401InvalidClient() throws Exception {
        for (String authorization : new String[] {basic("gp-his-test", "guess"), basic("gp-his-test", "other"), basic("nobody", "s3cret:with/odd+chars"),
                null, "Bearer something", "Basic not-base64!"}) {
            HttpResponse<String> response = token(authorization, "grant_type=client_credentials");

            assertThat(response.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
            assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("invalid_client");
            assertThat(response.body()).doesNotContain("eyJ");
        }
    }

    @Test
    void onlyTheClientCredentialsGrantIsOffered() throws Exception {
        HttpResponse<String> password = token(basic("gp-his-test", "s3cret:with/odd+chars"), "grant_type=password&username=a&password=b");
        HttpResponse<String> none = token(basic("gp-his-test", "s3cret:with/odd+chars"), "scope=x");
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(issuer.tokenUri())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(password.body()).path("error").asText()).isEqualTo("unsupported_grant_type");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(none.body()).path("error").asText()).isEqualTo("invalid_request");
        assertThat(get.statusCode()).isEqualTo(405);
    }

    /** RFC 6749 §2.3.1: id and secret form-encoded, then Basic. */
    private static String basic(String client, String secret) {
        String pair = java.net.URLEncoder.encode(client, StandardCharsets.UTF_8) + ":" + java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> token(String authorization, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer.tokenUri())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
