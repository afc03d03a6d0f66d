package nl.iwa.hub.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guessing passwords stops after a few tries: {@value #MAX_FAILURES} wrong passwords for a user name lock that
 * name out for {@link #LOCKOUT}, answered with 429 and Retry-After before any password is checked (checking one
 * costs real CPU). A correct password ends the count. The lockout applies to the right password too: that is
 * what makes guessing useless. Limiting requests per address belongs at the ingress in front of the hub, which
 * sees the clients' addresses; here, behind a proxy, one address may be everyone.
 */
public class LoginThrottle extends OncePerRequestFilter {

    static final int MAX_FAILURES = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(15);
    /** Bounds the memory a flood of made-up user names can take. */
    private static final int MAX_TRACKED = 10_000;

    private final Clock clock;
    private final Map<String, Strikes> strikes = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Strikes(int count, Instant lockedUntil) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = basicUser(request.getHeader("Authorization"));
        if (user != null) {
            Optional<Duration> wait = lockedFor(user);
            if (wait.isPresent()) {
                response.setHeader("Retry-After", Long.toString(wait.get().toSeconds()));
                response.sendError(HttpStatus.TOO_MANY_REQUESTS.value(), "too many failed logins; try again later");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * How long {@code user} is still locked out (at least a second), if at all; for a login that names its user
     * elsewhere than in a Basic header (the console's form), which counts against the same user name.
     */
    public Optional<Duration> lockedFor(String user) {
        Instant until = lockedUntil(user);
        return until == null ? Optional.empty()
                : Optional.of(Duration.ofSeconds(Math.max(1, Duration.between(clock.instant(), until).toSeconds())));
    }

    /** Passwords only: a refused bearer token names no user (its "name" would be the token itself). */
    @EventListener
    public void failed(AuthenticationFailureBadCredentialsEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken password) {
            strike(password.getName());
        }
    }

    @EventListener
    public void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken password) {
            strikes.remove(password.getName());
        }
    }

    private void strike(String key) {
        if (strikes.size() >= MAX_TRACKED && !strikes.containsKey(key)) {
            strikes.entrySet().removeIf(e -> e.getValue().lockedUntil() == null || e.getValue().lockedUntil().isBefore(clock.instant()));
        }
        strikes.compute(key, (k, s) -> {
            int count = (s == null || expired(s) ? 0 : s.count()) + 1;
            return new Strikes(count, count >= MAX_FAILURES ? clock.instant().plus(LOCKOUT) : null);
        });
    }

    private boolean expired(Strikes s) {
        return s.lockedUntil() != null && !clock.instant().isBefore(s.lockedUntil());
    }

    private Instant lockedUntil(String key) {
        Strikes s = strikes.get(key);
        if (s == null || s.lockedUntil() == null) {
            return null;
        }
        if (expired(s)) {
            strikes.remove(key, s);
            return null;
        }
        return s.lockedUntil();
    }

    /** The user name of a Basic Authorization header, or null; never the password, never logged. */
    private static String basicUser(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
