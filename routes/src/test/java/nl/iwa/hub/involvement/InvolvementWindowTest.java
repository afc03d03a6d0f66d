package nl.iwa.hub.involvement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.iwa.hub.testing.DemoConfiguration;
import org.junit.jupiter.api.Test;

class InvolvementWindowTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    final InvolvementWindow window = new InvolvementWindow(DemoConfiguration.LOADED.policies());

    @Test
    void aFlowCountsForItsPolicysWindowAndAnOpenHandoffLonger() {
        InvolvingFlow signal = new InvolvingFlow("housing-mijnstreek", "socialteam-heerlen", T0, "housing-socialteam-rent-arrears",
                null, "c", "m-1", false);
        InvolvingFlow handoff = new InvolvingFlow("gp-heerlen-centrum", "socialteam-heerlen", T0, "gp-socialteam-psychosocial",
                "consent-1", "c", "m-2", true);
        InvolvingFlow unknownPolicy = new InvolvingFlow("a", "b", T0, "a-policy-no-longer-configured", null, "c", "m-3", false);
        Instant day89 = T0.plus(Duration.ofDays(89));
        Instant day90 = T0.plus(Duration.ofDays(90));

        assertThat(window.open(signal, day89)).isTrue();
        assertThat(window.open(signal, day90)).as("90 days in the demo configuration").isFalse();
        assertThat(window.open(unknownPolicy, day89)).as("the default window").isTrue();
        assertThat(window.forgettable(signal, day90, ledger(true))).isTrue();
        assertThat(window.forgettable(handoff, day90, ledger(true))).as("its handoff is still open").isFalse();
        assertThat(window.forgettable(handoff, day90, ledger(false))).isTrue();
        assertThat(window.forgettable(signal, day89, ledger(false))).isFalse();
    }

    private static InvolvementLedger ledger(boolean handoffsOpen) {
        return new InvolvementLedger() {
            @Override
            public List<InvolvingFlow> about(String pseudonym) {
                return List.of();
            }

            @Override
            public boolean handoffOpen(InvolvingFlow flow) {
                return handoffsOpen;
            }

            @Override
            public Optional<String> coordinatorOf(String pseudonym) {
                return Optional.empty();
            }
        };
    }
}
