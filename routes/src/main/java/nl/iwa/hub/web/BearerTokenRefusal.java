package nl.iwa.hub.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * A refused bearer token: 401 with {@code WWW-Authenticate: Bearer error="invalid_token"}. The description
 * says which check failed when one of the hub's checks did (expiry, issuer, audience: fixed texts); any other
 * failure (parsing, signature) gets one fixed text, since a parser's message may quote what it was given.
 */
final class BearerTokenRefusal implements AuthenticationEntryPoint {

    private static final Logger log = LoggerFactory.getLogger(BearerTokenRefusal.class);
    static final String UNREADABLE = "the token is malformed or not signed by a key of the configured identity provider";

    private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        String why = why(refused);
        log.debug("bearer token refused ({}): {}", request.getRequestURI(), why);
        challenge.commence(request, response, new InvalidBearerTokenException(why));
    }

    static String why(Throwable refused) {
        for (Throwable t = refused; t != null; t = t.getCause()) {
            if (t instanceof JwtValidationException invalid) {
                return invalid.getErrors().stream().map(OAuth2Error::getDescription).collect(Collectors.joining("; "));
            }
            if (t instanceof BearerTokenDecoders.BearerTokensOff off) {
                return off.getMessage();
            }
        }
        return UNREADABLE;
    }
}
