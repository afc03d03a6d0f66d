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
 *
 * <p>For the console's browser login it is an authorization server too (authorization code flow): a browser
 * "signs in" at {@link #signInAddress} (a session cookie of the provider, as a real one keeps), then the
 * authorization endpoint approves the console's client for that person at once and redirects back with a code,
 * which the token endpoint exchanges for an ID token with the person's roles. It insists on what a careful
 * provider insists on: the registered client, its secret, its redirect address, and PKCE (S256) with the right
 * verifier; a code is good once. A sign-in can ask it to misbehave ({@link Misbehaviour}) to show the hub notices.
 */
public final class TestTokenIssuer {

    public static final String AUDIENCE = "iwa-hub-test";
    /** Keycloak's shape: roles under realm_access, which exercises a dotted claim path. */
    public static final String ROLES_CLAIM = "realm_access.roles";

    /** The console's client at this provider, and its secret (made per test JVM). */
    public static final String CONSOLE_CLIENT = "iwa-hub-console";

    /** What the provider does wrong for one signed-in browser: nothing, or answer with another state or nonce. */
    public enum Misbehaviour { NONE, WRONG_STATE, WRONG_NONCE }

    private record Person(String subject, List<String> roles, Misbehaviour misbehaviour) {
    }

    private record Grant(Person person, String redirectUri, String nonce, String codeChallenge) {
    }

    private static TestTokenIssuer instance;
    private final String consoleSecret = UUID.randomUUID().toString();
    private final Map<String, Person> sessions = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new java.util.concurrent.ConcurrentHashMap<>();

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
        // the console's login through this provider (endpoints discovered from the issuer)
        registry.add("iwa.security.oidc.console.client-id", () -> CONSOLE_CLIENT);
        registry.add("iwa.security.oidc.console.client-secret", () -> get().consoleSecret);
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
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwkSetUri() + "\","
                + "\"authorization_endpoint\":\"" + issuer + "/protocol/openid-connect/auth\","
                + "\"token_endpoint\":\"" + issuer + "/protocol/openid-connect/token\","
                + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"code_challenge_methods_supported\":[\"S256\"],"
                + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"],\"scopes_supported\":[\"openid\"]}";
        server.createContext("/realms/iwa/.well-known/openid-configuration", exchange -> reply(exchange, discovery));
        server.createContext("/realms/iwa/test/sign-in", this::signIn);
        server.createContext("/realms/iwa/protocol/openid-connect/auth", this::authorize);
        server.createContext("/realms/iwa/protocol/openid-connect/token", this::token);
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/realms/iwa/protocol/openid-connect/certs", exchange -> reply(exchange, jwks));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        reply(exchange, 200, "application/json", json);
    }

    private static void reply(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Where a browser signs in at this provider as a fresh person with these roles (the provider's own session,
     * a cookie for its address only): open it in the browser before the console's login link.
     */
    public String signInAddress(Misbehaviour misbehaviour, String... roles) {
        return issuer + "/test/sign-in?misbehaviour=" + misbehaviour + "&roles=" + String.join(",", roles);
    }

    private void signIn(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        List<String> roles = query.getOrDefault("roles", "").isEmpty() ? List.of() : List.of(query.get("roles").split(","));
        String session = UUID.randomUUID().toString();
        sessions.put(session, new Person(UUID.randomUUID().toString(), roles, Misbehaviour.valueOf(query.get("misbehaviour"))));
        exchange.getResponseHeaders().add("Set-Cookie", "idp_session=" + session + "; Path=/realms/iwa; HttpOnly");
        reply(exchange, 200, "text/html; charset=utf-8",
                "<!DOCTYPE html><html lang=\"en\"><head><title>Test provider</title></head><body><p>Signed in.</p></body></html>");
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = form(exchange.getRequestURI().getRawQuery());
        Person person = sessions.get(cookie(exchange, "idp_session"));
        if (!"code".equals(q.get("response_type")) || !CONSOLE_CLIENT.equals(q.get("client_id")) || q.get("redirect_uri") == null
                || q.get("state") == null || q.get("nonce") == null || !List.of(q.getOrDefault("scope", "").split(" ")).contains("openid")) {
            reply(exchange, 400, "text/plain", "bad authorization request");
            return;
        }
        if (q.get("code_challenge") == null || !"S256".equals(q.get("code_challenge_method"))) {
            reply(exchange, 400, "text/plain", "PKCE (S256) is required");
            return;
        }
        if (person == null) {
            reply(exchange, 401, "text/plain", "not signed in at the provider");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(person, q.get("redirect_uri"), q.get("nonce"), q.get("code_challenge")));
        String state = person.misbehaviour() == Misbehaviour.WRONG_STATE ? q.get("state") + "x" : q.get("state");
        String back = (q.get("redirect_uri") + "?code=" + code + "&state=" + encode(state)).replace("&", "&amp;");
        // back from a page of the provider's own, as after its login form: the browser then comes to the hub on a
        // navigation another site started (which a bare redirect, continuing the hub's own navigation, is not)
        reply(exchange, 200, "text/html; charset=utf-8", "<!DOCTYPE html><html lang=\"en\"><head><title>Test provider</title>"
                + "<meta http-equiv=\"refresh\" content=\"0;url=" + back + "\"></head><body><p><a id=\"continue\" href=\""
                + back + "\">Continue</a></p></body></html>");
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> f = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (encode(CONSOLE_CLIENT) + ":" + encode(consoleSecret)).getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 401, "application/json", "{\"error\":\"invalid_client\"}");
            return;
        }
        Grant grant = f.get("code") == null ? null : codes.remove(f.get("code"));
        if (!"authorization_code".equals(f.get("grant_type")) || grant == null || !grant.redirectUri().equals(f.get("redirect_uri"))
                || f.get("code_verifier") == null || !grant.codeChallenge().equals(s256(f.get("code_verifier")))) {
            reply(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        Instant now = Instant.now();
        JWTClaimsSet idToken = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(CONSOLE_CLIENT)
                .claim("azp", CONSOLE_CLIENT)
                .subject(grant.person().subject())
                .issueTime(Date.from(now))
                .claim("auth_time", now.getEpochSecond())
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("nonce", grant.person().misbehaviour() == Misbehaviour.WRONG_NONCE ? grant.nonce() + "x" : grant.nonce())
                .claim("realm_access", Map.of("roles", grant.person().roles()))
                .build();
        reply(exchange, "{\"access_token\":\"" + sign(claims(grant.person().roles().toArray(String[]::new)).build())
                + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":\"openid\",\"id_token\":\"" + sign(idToken) + "\"}");
    }

    private static String s256(String verifier) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new java.util.HashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                String[] kv = pair.split("=", 2);
                values.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length < 2 ? "" : java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String cookie(HttpExchange exchange, String name) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String c : header.split(";\\s*")) {
                if (c.startsWith(name + "=")) {
                    return c.substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
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
