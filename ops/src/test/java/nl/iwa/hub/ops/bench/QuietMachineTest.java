package nl.iwa.hub.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuietMachineTest {

    @Test
    void settledOnlyAfterEnoughQuietWindowsInARow() {
        QuietMachine quiet = new QuietMachine(0.2, 3);
        assertThat(quiet.observe(0.9)).isFalse();
        assertThat(quiet.observe(0.05)).isFalse();
        assertThat(quiet.observe(0.05)).isFalse();
        // a busy window starts the count again
        assertThat(quiet.observe(0.5)).isFalse();
        assertThat(quiet.observe(0.1)).isFalse();
        assertThat(quiet.observe(0.1)).isFalse();
        assertThat(quiet.observe(0.19)).isTrue();
    }

    @Test
    void aWindowAtTheLimitIsNotQuiet() {
        QuietMachine quiet = new QuietMachine(0.2, 1);
        assertThat(quiet.observe(0.2)).isFalse();
        assertThat(quiet.observe(0.0)).isTrue();
    }

    @Test
    void refusesSettingsThatCouldNeverOrAlwaysHold() {
        assertThatThrownBy(() -> new QuietMachine(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuietMachine(0.2, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
