package nl.iwa.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import nl.iwa.hub.web.BearerTokenRoles;
import nl.iwa.hub.web.OidcProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The console's login through the identity provider, when one is configured for it
 * ({@link ConsoleOidcLoginProperties}): the link on the login page starts an authorization code flow with PKCE
 * at {@value #START}, the provider answers at {@code /console/login/oauth2/code/idp}; Spring checks the state,
 * the ID token (signature by the provider's keys, issuer, audience = the console's client, expiry) and its nonce.
 * A failed login goes back to the form, saying whether the person lacks a hub role or the login itself failed.
 */
final class ConsoleOidcLogin implements Customizer<OAuth2LoginConfigurer<HttpSecurity>> {

    static final String START = "/console/oauth2/authorization";
    /** The page a successful login through the provider shows on its way to the console. */
    static final String LOGGED_IN = "/console/logged-in";
    private static final Logger log = LoggerFactory.getLogger(ConsoleOidcLogin.class);

    private final ProviderOnFirstLogin provider;
    private final ConsoleOidcUsers users;
    private final BrowserBoundLoginRequests waiting;

    ConsoleOidcLogin(ConsoleOidcLoginProperties login, OidcProperties oidc) {
        this.provider = new ProviderOnFirstLogin(login, oidc.issuerUri());
        this.users = new ConsoleOidcUsers(new BearerTokenRoles(oidc.rolesClaim(), oidc.roleMapping()));
        this.waiting = new BrowserBoundLoginRequests(Clock.systemUTC());
    }

    @Override
    public void customize(OAuth2LoginConfigurer<HttpSecurity> o) {
        o.loginPage(ConsoleSecurityConfiguration.LOGIN)
                .clientRegistrationRepository(provider)
                .authorizedClientRepository(new NoTokensKept())
                .authorizationEndpoint(a -> a.baseUri(START).authorizationRequestRepository(waiting))
                .redirectionEndpoint(r -> r.baseUri("/console/login/oauth2/code/*"))
                .userInfoEndpoint(u -> u.oidcUserService(users))
                .successHandler(new SameSiteStep())
                .failureHandler(new BackToTheForm());
    }

    /** Where the login page's link points. */
    static String startPath() {
        return START + "/" + ProviderOnFirstLogin.REGISTRATION_ID;
    }

    /**
     * After the provider's answer, the browser is on a navigation the provider's page started; a redirect would
     * continue it, and the browser would not send the session cookie (SameSite=Strict) it has just been given, so
     * the console would ask for a login again. Instead the hub answers a page of its own that moves on to the
     * console (meta refresh, and a link): a navigation the hub's page starts, with the cookie.
     */
    private static final class SameSiteStep implements org.springframework.security.web.authentication.AuthenticationSuccessHandler {
        @Override
        public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication who)
                throws java.io.IOException, jakarta.servlet.ServletException {
            request.getRequestDispatcher(LOGGED_IN).forward(request, response);
        }
    }

    /** Only the form's error parameter and the OAuth2 error code (never a token or a claim) leave this. */
    private static final class BackToTheForm implements AuthenticationFailureHandler {
        @Override
        public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                            org.springframework.security.core.AuthenticationException e) throws java.io.IOException {
            String code = e instanceof OAuth2AuthenticationException o ? o.getError().getErrorCode() : e.getClass().getSimpleName();
            boolean noRole = ConsoleOidcUsers.NO_HUB_ROLE.equals(code);
            if (!noRole) {
                log.info("console login through the identity provider failed: {}", code);
            }
            response.sendRedirect(request.getContextPath() + ConsoleSecurityConfiguration.LOGIN + (noRole ? "?norole" : "?oidcerror"));
        }
    }

    /**
     * The console needs who logged in, not the provider's access token: it calls nothing in the user's name, so it
     * keeps no token in the session.
     */
    private static final class NoTokensKept implements OAuth2AuthorizedClientRepository {
        @Override
        public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String id, Authentication principal, HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal, HttpServletRequest request,
                                         HttpServletResponse response) {
        }

        @Override
        public void removeAuthorizedClient(String id, Authentication principal, HttpServletRequest request,
                                           HttpServletResponse response) {
        }
    }
}
