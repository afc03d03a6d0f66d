package nl.iwa.hub.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import nl.iwa.hub.policy.ReviewedConfigLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Inbox retention follows the longest retention of the policies delivering into it (demo configuration). */
class TopicProvisionerTest {

    static final ReviewedConfigLoader.Loaded CONFIG = nl.iwa.hub.testing.DemoConfiguration.LOADED;

    @ParameterizedTest(name = "{0}: {1} days")
    @CsvSource({
            "socialteam-heerlen, 730",      // rent arrears 365, drop-out 365, psychosocial 730
            "uwv-zuid-limburg, 730",        // work reintegration
            "wi-heerlen-support, 365",      // benefit ending
            "wi-heerlen-enforcement, 365",  // benefit overlap (enforcement)
            "housing-mijnstreek, 30"})
    void inboxRetentionFollowsThePolicies(String partner, int days) {
        long ms = TopicProvisioner.inboxRetentionMs(CONFIG.partners().find(partner).orElseThrow(), CONFIG.policies());

        assertThat(ms).isEqualTo(Duration.ofDays(days).toMillis());
    }
}
