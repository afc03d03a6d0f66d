package nl.iwa.hub.console;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;

/**
 * The console's one client registration at the identity provider, made at the first login rather than at
 * start-up (as the API's bearer token check does): the hub starts while the provider is away, and a failed
 * discovery is tried again at the next login. PKCE is required of every login, the secret's or not.
 */
final class ProviderOnFirstLogin implements ClientRegistrationRepository {

    static final String REGISTRATION_ID = "idp";
    /** Under /console, so the console's filter chain (and its cookie path) sees the provider's answer. */
    static final String REDIRECT_URI = "{baseUrl}/console/login/oauth2/code/{registrationId}";

    private final ConsoleOidcLoginProperties login;
    private final String issuer;
    private volatile ClientRegistration registration;

    ProviderOnFirstLogin(ConsoleOidcLoginProperties login, String apiIssuer) {
        this.login = login;
        this.issuer = login.issuerUri() != null ? login.issuerUri() : apiIssuer;
        if (issuer == null) {
            throw new IllegalArgumentException("iwa.security.oidc.console.client-id is set but no issuer is: set "
                    + "iwa.security.oidc.console.issuer-uri or iwa.security.oidc.issuer-uri (an ID token's iss is checked against it)");
        }
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!REGISTRATION_ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration found = registration;
        if (found == null) {
            synchronized (this) {
                if (registration == null) {
                    registration = build();
                }
                found = registration;
            }
        }
        return found;
    }

    private ClientRegistration build() {
        ClientRegistration.Builder builder = login.explicitEndpoints()
                ? ClientRegistration.withRegistrationId(REGISTRATION_ID)
                        .issuerUri(issuer)
                        .authorizationUri(login.authorizationUri())
                        .tokenUri(login.tokenUri())
                        .jwkSetUri(login.jwkSetUri())
                        .userInfoUri(login.userInfoUri())
                : ClientRegistrations.fromIssuerLocation(issuer).registrationId(REGISTRATION_ID);
        return builder
                .clientId(login.clientId())
                .clientSecret(login.clientSecret())
                .clientAuthenticationMethod(login.clientSecret() == null
                        ? ClientAuthenticationMethod.NONE : ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(REDIRECT_URI)
                .scope(login.scopes())
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .clientName("IWA Hub console")
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .build();
    }
}
