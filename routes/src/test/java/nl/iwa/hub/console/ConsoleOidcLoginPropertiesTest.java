package nl.iwa.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleOidcLoginPropertiesTest {

    @Test
    void offWithoutAClientId() {
        ConsoleOidcLoginProperties off = new ConsoleOidcLoginProperties(" ", null, null, null, null, null, null, null);
        assertThat(off.enabled()).isFalse();
        assertThat(off.scopes()).containsExactly("openid");
    }

    @Test
    void theEndpointsComeAllThreeOrNone() {
        assertThatThrownBy(() -> new ConsoleOidcLoginProperties("console", "s", "https://idp", "https://idp/auth", "https://idp/token",
                null, null, null)).hasMessageContaining("together");
        assertThat(new ConsoleOidcLoginProperties("console", "s", "https://idp", "https://idp/auth", "https://idp/token",
                "https://idp/certs", null, null).explicitEndpoints()).isTrue();
    }

    @Test
    void aLoginNeedsTheOpenidScope() {
        assertThatThrownBy(() -> new ConsoleOidcLoginProperties("console", "s", null, null, null, null, null, List.of("profile")))
                .hasMessageContaining("openid");
    }

    @Test
    void aLoginNeedsAnIssuerToCheckTheIdTokenAgainst() {
        ConsoleOidcLoginProperties noIssuer = new ConsoleOidcLoginProperties("console", "s", null, null, null, null, null, null);
        assertThatThrownBy(() -> new ProviderOnFirstLogin(noIssuer, null)).hasMessageContaining("issuer");
        // the API's issuer serves when the console names none; the registration is made at the first login, not here
        assertThat(new ProviderOnFirstLogin(noIssuer, "https://idp.example/realms/iwa").findByRegistrationId("other")).isNull();
    }

    @Test
    void withTheEndpointsGivenTheRegistrationNeedsNoDiscoveryAndRequiresPkce() {
        var registration = new ProviderOnFirstLogin(new ConsoleOidcLoginProperties("console", null, "https://idp.example/realms/iwa",
                "https://idp.example/auth", "https://idp.example/token", "https://idp.example/certs", null, null), null)
                .findByRegistrationId(ProviderOnFirstLogin.REGISTRATION_ID);
        assertThat(registration.getProviderDetails().getIssuerUri()).isEqualTo("https://idp.example/realms/iwa");
        assertThat(registration.getClientSettings().isRequireProofKey()).isTrue();
        // no secret: a public client, which PKCE alone protects
        assertThat(registration.getClientAuthenticationMethod().getValue()).isEqualTo("none");
        assertThat(registration.getRedirectUri()).isEqualTo("{baseUrl}/console/login/oauth2/code/{registrationId}");
    }
}
