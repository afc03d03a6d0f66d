package nl.iwa.hub.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RatePacerTest {

    @Test
    void sendsWhatIsDueByTheElapsedTimeSoLateTicksDoNotLowerTheRate() {
        RatePacer pacer = new RatePacer(1_000);

        assertThat(pacer.batch(10_000_000, 0)).as("10 ms in").isEqualTo(10);
        assertThat(pacer.batch(35_000_000, 10)).as("a late tick catches up").isEqualTo(25);
        assertThat(pacer.batch(35_000_000, 40)).as("ahead: nothing").isZero();
        assertThat(pacer.batch(5_000_000_000L, 0)).as("a long stall: at most half a second").isEqualTo(500);
    }

    @Test
    void refusesARateThatIsNotPositive() {
        assertThatThrownBy(() -> new RatePacer(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
