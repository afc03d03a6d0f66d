package nl.iwa.hub.ops.oauth;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A LOCAL-ONLY OAuth2 authorization server for the local stack, so that a partner system's REST calls can be
 * made as in production: ask for a token with the client-credentials grant (RFC 6749 §4.4, the client
 * authenticated by HTTP Basic, §2.3.1), then call the hub with it. It serves {@code POST /token}, its JWK set at
 * {@code /jwks} and a discovery document; the hub trusts it through {@code iwa.security.oidc.*}.
 *
 * <p>Not an identity provider for anything else: one RSA key made at start-up and lost at stop, clients and
 * secrets given at start-up (kept only as SHA-256 digests), loopback only, plain HTTP, no scopes, no refresh
 * tokens, no revocation. In production the partner's client is registered at the municipality's real identity
 * provider (e.g. Keycloak) instead.
 */
public final class LocalTokenIssuer implements AutoCloseable {

    /** Access tokens are short-lived, as docs/operations.md asks of a real provider. */
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);
    private static final int MAX_BODY = 8 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NO_CLIENT = sha256(UUID.randomUUID().toString());

    private final HttpServer server;
    private final RSAKey key;
    private final String issuer;
    private final String audience;
    /** client id to the SHA-256 of its secret: equal-length digests compared in constant time. */
    private final Map<String, byte[]> secretDigests;

    private LocalTokenIssuer(HttpServer server, RSAKey key, String audience, Map<String, String> clientSecrets) {
        this.server = server;
        this.key = key;
        this.audience = audience;
        this.issuer = "http://localhost:" + server.getAddress().getPort();
        Map<String, byte[]> digests = new HashMap<>();
        clientSecrets.forEach((client, secret) -> digests.put(client, sha256(secret)));
        this.secretDigests = Map.copyOf(digests);
    }

    /**
     * Starts the issuer on {@code port} of the loopback interface (0: a free port).
     *
     * @param audience      the {@code aud} of every token: the hub's {@code iwa.security.oidc.audience}
     * @param clientSecrets client id to its secret
     */
    public static LocalTokenIssuer start(int port, String audience, Map<String, String> clientSecrets) {
        RSAKey key;
        HttpServer server;
        try {
            key = new RSAKeyGenerator(2048).keyID("local-" + UUID.randomUUID().toString().substring(0, 8))
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make the issuer's key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        LocalTokenIssuer issuer = new LocalTokenIssuer(server, key, audience, clientSecrets);
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/jwks", exchange -> issuer.answerGet(exchange, jwks));
        server.createContext("/.well-known/openid-configuration", exchange -> issuer.answerGet(exchange, issuer.discovery()));
        server.createContext("/token", issuer::token);
        server.start();
        return issuer;
    }

    public String issuer() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/jwks";
    }

    public String tokenUri() {
        return issuer + "/token";
    }

    public String audience() {
        return audience;
    }

    private String discovery() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("jwks_uri", jwkSetUri());
        doc.put("token_endpoint", tokenUri());
        doc.put("grant_types_supported", List.of("client_credentials"));
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        return json(doc);
    }

    private void answerGet(HttpExchange exchange, String json) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "GET");
                send(exchange, 405, null);
                return;
            }
            send(exchange, 200, json);
        }
    }

    /** RFC 6749 §4.4.2 and §5: client authenticated by Basic, grant_type=client_credentials, a bearer token back. */
    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.getResponseHeaders().add("Pragma", "no-cache");
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                send(exchange, 405, null);
                return;
            }
            Optional<String> client = authenticatedClient(exchange.getRequestHeaders().getFirst("Authorization"));
            if (client.isEmpty()) {
                // §5.2: invalid_client with 401 and the scheme the client should use; which of id or secret was
                // wrong is not said
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"iwa-local-token-issuer\"");
                send(exchange, 401, error("invalid_client", "client authentication failed (HTTP Basic with the client id and secret)"));
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
                send(exchange, 400, error("invalid_request", "the body must be application/x-www-form-urlencoded"));
                return;
            }
            byte[] body = readAtMost(exchange.getRequestBody(), MAX_BODY);
            if (body == null) {
                send(exchange, 400, error("invalid_request", "the body is too large"));
                return;
            }
            String grantType = form(new String(body, StandardCharsets.UTF_8)).get("grant_type");
            if (grantType == null) {
                send(exchange, 400, error("invalid_request", "grant_type is missing"));
                return;
            }
            if (!"client_credentials".equals(grantType)) {
                send(exchange, 400, error("unsupported_grant_type", "only client_credentials is supported"));
                return;
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("access_token", sign(client.get()));
            answer.put("token_type", "Bearer");
            answer.put("expires_in", TOKEN_LIFETIME.toSeconds());
            send(exchange, 200, json(answer));
        }
    }

    /** The client named and proven by a Basic header; id and secret are form-encoded inside it (§2.3.1). */
    Optional<String> authenticatedClient(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String clientId = URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
        byte[] given = sha256(URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8));
        // an unknown client costs the same comparison as a known one
        boolean ok = MessageDigest.isEqual(given, secretDigests.getOrDefault(clientId, NO_CLIENT)) && secretDigests.containsKey(clientId);
        return ok ? Optional.of(clientId) : Optional.empty();
    }

    /**
     * An access token for a client (RFC 9068 shape): {@code client_id} and {@code sub} name the client, which the
     * hub maps to a partner through {@code connectors.rest.clientId}.
     */
    String sign(String clientId) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(clientId)
                .audience(audience)
                .claim("client_id", clientId)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(new JOSEObjectType("at+jwt")).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        return bytes.length > max ? null : bytes;
    }

    private static String error(String code, String description) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("error", code);
        e.put("error_description", description);
        return json(e);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
