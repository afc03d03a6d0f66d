package nl.iwa.hub.console;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Where a login through the identity provider waits for the provider's answer: on the hub, under a random id
 * that only the browser which started the login holds, in a cookie of its own. Spring keeps it in the session by
 * default, but the console's session cookie is {@code SameSite=Strict}, and the provider's redirect back is a
 * navigation another site starts: the browser would not send it, and every login would fail. This cookie is
 * {@code SameSite=Lax} (sent on that top-level GET), {@code HttpOnly}, scoped to the callback's path and five
 * minutes; it is no credential: it opens nothing but the one answer the provider sends for this browser.
 *
 * <p>The answer is taken only with the same {@code state} as the request (else refused: a login started in one
 * browser cannot be completed in another, which stops an attacker from logging a victim in as the attacker), and
 * only once. The nonce and the PKCE verifier travel inside the stored request, never to the browser.
 */
final class BrowserBoundLoginRequests implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

    static final String COOKIE = "IWA_CONSOLE_LOGIN";
    static final String COOKIE_PATH = "/console/login/oauth2";
    static final Duration VALID = Duration.ofMinutes(5);
    /** Bounds the memory anonymous requests can take: beyond it expired, then the oldest waiting logins are dropped. */
    static final int MAX_WAITING = 10_000;
    private final int maxWaiting;

    private record Waiting(OAuth2AuthorizationRequest request, Instant until) {
    }

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    BrowserBoundLoginRequests(Clock clock) {
        this(clock, MAX_WAITING);
    }

    BrowserBoundLoginRequests(Clock clock, int maxWaiting) {
        this.clock = clock;
        this.maxWaiting = maxWaiting;
    }

    @Override
    public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
        String id = cookie(request);
        Waiting w = id == null ? null : waiting.get(id);
        if (w == null || w.until().isBefore(clock.instant())) {
            return null;
        }
        String state = request.getParameter(OAuth2ParameterNames.STATE);
        return w.request().getState().equals(state) ? w.request() : null;
    }

    @Override
    public void saveAuthorizationRequest(OAuth2AuthorizationRequest authorizationRequest, HttpServletRequest request,
                                         HttpServletResponse response) {
        if (authorizationRequest == null) {
            removeAuthorizationRequest(request, response);
            return;
        }
        forgetExpired();
        String id = newId();
        waiting.put(id, new Waiting(authorizationRequest, clock.instant().plus(VALID)));
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(id, VALID, request.isSecure()));
    }

    @Override
    public OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request, HttpServletResponse response) {
        OAuth2AuthorizationRequest found = loadAuthorizationRequest(request);
        if (found != null) {
            waiting.remove(cookie(request));
            response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO, request.isSecure()));
        }
        return found;
    }

    int waiting() {
        return waiting.size();
    }

    /** Only when full: expired ones first, then the oldest, down to nine tenths, so a flood pays rarely. */
    private void forgetExpired() {
        if (waiting.size() < maxWaiting) {
            return;
        }
        Instant now = clock.instant();
        waiting.values().removeIf(w -> w.until().isBefore(now));
        Iterator<Map.Entry<String, Waiting>> oldest = waiting.entrySet().stream()
                .sorted(Map.Entry.comparingByValue(java.util.Comparator.comparing(Waiting::until))).toList().iterator();
        while (waiting.size() >= maxWaiting * 9 / 10 && oldest.hasNext()) {
            waiting.remove(oldest.next().getKey());
        }
    }

    private String newId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String cookie(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie c : request.getCookies()) {
            if (COOKIE.equals(c.getName()) && !c.getValue().isEmpty()) {
                return c.getValue();
            }
        }
        return null;
    }

    private static String cookie(String value, Duration maxAge, boolean secure) {
        return ResponseCookie.from(COOKIE, value).path(COOKIE_PATH).maxAge(maxAge).httpOnly(true).secure(secure)
                .sameSite("Lax").build().toString();
    }
}
