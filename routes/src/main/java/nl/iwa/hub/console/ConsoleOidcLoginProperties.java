package nl.iwa.hub.console;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console's browser login through the identity provider (OpenID Connect, authorization code flow with PKCE),
 * beside the form for local users. Off unless {@code clientId} is set. The roles come from the same claim and
 * mapping as the API's bearer tokens ({@code iwa.security.oidc.roles-claim}, {@code role-mapping}), read from the
 * ID token (and the UserInfo answer when {@code userInfoUri} is set or discovered and a scope asks for it).
 *
 * @param clientId         the console's client at the provider (its own, not the API's audience)
 * @param clientSecret     its secret (client_secret_basic); blank for a public client, which PKCE alone protects
 * @param issuerUri        the provider; blank: {@code iwa.security.oidc.issuer-uri}. An ID token's {@code iss}
 *                         must equal it
 * @param authorizationUri with {@code tokenUri} and {@code jwkSetUri}: the provider's endpoints, skipping discovery;
 *                         all three or none (then {@code <issuer>/.well-known/openid-configuration}, fetched at the
 *                         first login, not at start-up)
 * @param userInfoUri      optional, only without discovery
 * @param scopes           {@code openid} and whatever the provider needs to put the roles claim in the ID token
 */
@ConfigurationProperties("iwa.security.oidc.console")
public record ConsoleOidcLoginProperties(String clientId, String clientSecret, String issuerUri, String authorizationUri,
                                         String tokenUri, String jwkSetUri, String userInfoUri,
                                         @DefaultValue("openid") List<String> scopes) {

    public ConsoleOidcLoginProperties {
        clientId = blankToNull(clientId);
        clientSecret = blankToNull(clientSecret);
        issuerUri = blankToNull(issuerUri);
        authorizationUri = blankToNull(authorizationUri);
        tokenUri = blankToNull(tokenUri);
        jwkSetUri = blankToNull(jwkSetUri);
        userInfoUri = blankToNull(userInfoUri);
        scopes = scopes == null ? List.of("openid") : List.copyOf(scopes);
        if (clientId != null && !scopes.contains("openid")) {
            throw new IllegalArgumentException("iwa.security.oidc.console.scopes must contain openid: the console logs "
                    + "in with an ID token, not with a bare OAuth2 access token");
        }
        long endpoints = java.util.stream.Stream.of(authorizationUri, tokenUri, jwkSetUri).filter(java.util.Objects::nonNull).count();
        if (endpoints != 0 && endpoints != 3) {
            throw new IllegalArgumentException("iwa.security.oidc.console: set authorization-uri, token-uri and "
                    + "jwk-set-uri together, or none of them to use the provider's discovery document");
        }
    }

    public boolean enabled() {
        return clientId != null;
    }

    /** Whether the endpoints are configured (else discovered from the issuer). */
    boolean explicitEndpoints() {
        return authorizationUri != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
