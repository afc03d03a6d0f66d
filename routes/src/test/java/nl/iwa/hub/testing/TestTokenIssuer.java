package nl.iwa.hub.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real OIDC identity provider, as far as the hub sees one: an HTTP server on a free port serving a discovery
 * document and the JWK set of an RSA key made for this test JVM, and tokens signed with that key. Started once,
 * on first use, and shared by every hub of the test JVM (so the integration tests keep one Spring context).
 */
public final class TestTokenIssuer {

    public static final String AUDIENCE = "iwa-hub-test";
    /** Keycloak's shape: roles under realm_access, which exercises a dotted claim path. */
    public static final String ROLES_CLAIM = "realm_access.roles";

    private static TestTokenIssuer instance;

    private final HttpServer server;
    private final String issuer;
    private final RSAKey key;
    /** Another key under the same key id: what a forger without the provider's private key can do. */
    private final RSAKey forgersKey;

    public static synchronized TestTokenIssuer get() {
        if (instance == null) {
            instance = new TestTokenIssuer();
        }
        return instance;
    }

    /** Points the hub at this provider; values are read when the context starts, so nothing runs before. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("iwa.security.oidc.issuer-uri", () -> get().issuer());
        registry.add("iwa.security.oidc.audience", () -> AUDIENCE);
        registry.add("iwa.security.oidc.roles-claim", () -> ROLES_CLAIM);
    }

    private TestTokenIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key-1").keyUse(KeyUse.SIGNATURE).generate();
            forgersKey = new RSAKeyGenerator(2048).keyID("test-key-1").keyUse(KeyUse.SIGNATURE).generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/realms/iwa";
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwkSetUri() + "\"}";
        server.createContext("/realms/iwa/.well-known/openid-configuration", exchange -> reply(exchange, discovery));
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/realms/iwa/protocol/openid-connect/certs", exchange -> reply(exchange, jwks));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/protocol/openid-connect/certs";
    }

    /** Claims of a good token: this issuer, the hub's audience, a fresh subject, valid for five minutes. */
    public JWTClaimsSet.Builder claims(String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(List.of(AUDIENCE, "account"))
                .subject(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("realm_access", Map.of("roles", List.of(roles)));
    }

    public String sign(JWTClaimsSet claims) {
        return sign(claims, key, JOSEObjectType.JWT);
    }

    /** Typed as an access token per RFC 9068 ({@code at+jwt}), as some providers do. */
    public String signAsAccessToken(JWTClaimsSet claims) {
        return sign(claims, key, new JOSEObjectType("at+jwt"));
    }

    public String signWithForgersKey(JWTClaimsSet claims) {
        return sign(claims, forgersKey, JOSEObjectType.JWT);
    }

    private static String sign(JWTClaimsSet claims, RSAKey with, JOSEObjectType type) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID())
                    .type(type).build(), claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
