package nl.iwa.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The iwa.security.oidc keys as an operator writes them (properties, YAML, environment). */
class OidcPropertiesTest {

    private static OidcProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("iwa.security.oidc", OidcProperties.class);
    }

    @Test
    void withoutAnIdentityProviderBearerTokensAreOffAndTheDefaultsHold() {
        OidcProperties oidc = bind(Map.of("iwa.security.oidc.issuer-uri", ""));

        assertThat(oidc.enabled()).isFalse();
        assertThat(oidc.rolesClaim()).isEqualTo("roles");
        assertThat(oidc.roleMapping()).containsOnly(Map.entry("PRIVACY_OFFICER", "PRIVACY_OFFICER"), Map.entry("OPS", "OPS"),
                Map.entry("STEERING_GROUP", "STEERING_GROUP"));
    }

    @Test
    void roleMappingKeysAreTakenAsWrittenWithBracketsForSlashesAndDots() {
        OidcProperties oidc = bind(Map.of(
                "iwa.security.oidc.issuer-uri", "https://login.example/realms/iwa",
                "iwa.security.oidc.audience", "iwa-hub",
                "iwa.security.oidc.roles-claim", "realm_access.roles",
                "iwa.security.oidc.role-mapping.fg-team", "PRIVACY_OFFICER",
                "iwa.security.oidc.role-mapping[/iwa/ops.team]", "OPS"));

        assertThat(oidc.enabled()).isTrue();
        assertThat(oidc.rolesClaim()).isEqualTo("realm_access.roles");
        assertThat(oidc.roleMapping()).containsOnly(Map.entry("fg-team", "PRIVACY_OFFICER"), Map.entry("/iwa/ops.team", "OPS"));
    }

    @Test
    void theEnvironmentNamesTheKeysWithoutDashes() {
        Map<String, Object> env = Map.of("IWA_SECURITY_OIDC_ISSUERURI", "https://login.example/realms/iwa",
                "IWA_SECURITY_OIDC_AUDIENCE", "iwa-hub", "IWA_SECURITY_OIDC_ROLESCLAIM", "groups");
        OidcProperties oidc = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)))
                .bindOrCreate("iwa.security.oidc", OidcProperties.class);

        assertThat(oidc.issuerUri()).isEqualTo("https://login.example/realms/iwa");
        assertThat(oidc.audience()).isEqualTo("iwa-hub");
        assertThat(oidc.rolesClaim()).isEqualTo("groups");
    }

    @Test
    void anIdentityProviderWithoutAnAudienceIsRefusedAtStart() {
        assertThatThrownBy(() -> bind(Map.of("iwa.security.oidc.jwk-set-uri", "https://login.example/certs")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("audience must be set");
    }

    @Test
    void aMappingOntoAnythingButTheHubsRolesIsRefusedAtStart() {
        assertThatThrownBy(() -> bind(Map.of("iwa.security.oidc.role-mapping.admins", "ADMIN")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("'ADMIN'");
    }
}
