package nl.iwa.hub.testkit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistryWriterTest {

    @Test
    void aGeneratedWriterIsTheHubWithAFreshPasswordThatNeverShowsInToString() {
        RegistryWriter one = RegistryWriter.generate();
        RegistryWriter two = RegistryWriter.generate();

        assertThat(one.username()).isEqualTo("iwa-hub");
        assertThat(one.password()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(two.password())
                .doesNotContain("$").doesNotContain("\\");
        assertThat(one.toString()).contains("iwa-hub").doesNotContain(one.password());
    }

    @Test
    void aUserNameMustFitInTheRegistrysConfigurationKey() {
        assertThatThrownBy(() -> new RegistryWriter("iwa.hub", "pw")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegistryWriter("a b", "pw")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegistryWriter("iwa-hub", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("null");
    }

    @Test
    void theSecuredRegistryReadsAnonymouslyAndWritesOnlyWithARole() {
        assertThat(ApicurioRegistry.securityEnvironment())
                .containsEntry("QUARKUS_HTTP_AUTH_BASIC", "true")
                .containsEntry("APICURIO_AUTH_ROLE_BASED_AUTHORIZATION", "true")
                .containsEntry("APICURIO_AUTH_ANONYMOUS_READ_ACCESS_ENABLED", "true");
    }
}
