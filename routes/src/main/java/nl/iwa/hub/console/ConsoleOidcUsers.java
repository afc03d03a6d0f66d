package nl.iwa.hub.console;

import java.util.Collection;
import nl.iwa.hub.web.BearerTokenRoles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A person the identity provider vouched for becomes a console user with the hub roles its roles claim maps to,
 * by the same claim and mapping as the API's bearer tokens, and named as they are there ({@code oidc:<sub>}), so
 * the audit trail names one person one way. Someone the provider knows but who holds no hub role is not logged in
 * at all: the login fails with {@value #NO_HUB_ROLE} and no session is made.
 */
final class ConsoleOidcUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String NO_HUB_ROLE = "no_hub_role";
    private static final Logger log = LoggerFactory.getLogger(ConsoleOidcUsers.class);

    private final OidcUserService provider = new OidcUserService();
    private final BearerTokenRoles roles;

    ConsoleOidcUsers(BearerTokenRoles roles) {
        this.roles = roles;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = provider.loadUser(request);
        Collection<GrantedAuthority> hubRoles = roles.authorities(user.getClaims());
        if (hubRoles.isEmpty()) {
            // the subject id is the provider's pseudonymous user id, the name audit records use; never a person's name
            log.info("console login through the identity provider refused: {}{} holds no hub role",
                    BearerTokenRoles.PRINCIPAL_PREFIX, user.getSubject());
            throw new OAuth2AuthenticationException(new OAuth2Error(NO_HUB_ROLE, "the user holds no role of the hub", null));
        }
        return new ConsoleOidcUser(hubRoles, user);
    }

    /** The provider's user, named {@code oidc:<sub>} like a bearer token's. */
    static final class ConsoleOidcUser extends DefaultOidcUser {

        private static final long serialVersionUID = 1L;

        ConsoleOidcUser(Collection<? extends GrantedAuthority> roles, OidcUser user) {
            super(roles, user.getIdToken(), user.getUserInfo());
        }

        @Override
        public String getName() {
            return BearerTokenRoles.PRINCIPAL_PREFIX + getSubject();
        }
    }
}
