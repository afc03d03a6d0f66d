package nl.iwa.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nl.iwa.hub.policy.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

/** A hub still set to the removed classic engine or its own outbox reading stops at start-up and says what to do. */
class RemovedSettingsTest {

    @Test
    void theDefaultsAndAnExplicitStreamsEngineStart() {
        assertThat(RemovedSettings.check("streams", "true")).isNotNull();
        assertThat(RemovedSettings.check("streams", "TRUE")).isNotNull();
    }

    @Test
    void theClassicEngineIsRefusedNamingTheTakeOverOfItsState() {
        assertThatThrownBy(() -> RemovedSettings.check("classic", "true"))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().contains("IWA_ENGINE=classic", "classic engine was removed",
                                "decide topology takes the classic engine's state over", "docs/operations.md"));
    }

    @Test
    void anEngineTheHubNeverHadIsRefused() {
        assertThatThrownBy(() -> RemovedSettings.check("heap", "true"))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().contains("'heap' is not an engine of the hub", "streams"));
    }

    @Test
    void theIntakeThatReadTheOutboxesItselfIsRefused() {
        assertThatThrownBy(() -> RemovedSettings.check("streams", "false"))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().contains("IWA_INTAKE_REKEYED=false", "Remove the setting"));
    }

    @Test
    void bothRemovedSettingsAreNamedAtOnce() {
        assertThatThrownBy(() -> RemovedSettings.check("classic", "false"))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems()).hasSize(2));
    }
}
