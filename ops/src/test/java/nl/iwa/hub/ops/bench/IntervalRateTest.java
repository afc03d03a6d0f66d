package nl.iwa.hub.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntervalRateTest {

    @Test
    void eachReadingCoversOnlyTheTimeSinceThePreviousOne() {
        IntervalRate rate = new IntervalRate(100, 1_000_000_000L);

        assertThat(rate.next(2_100, 3_000_000_000L)).as("2,000 in 2 s").isEqualTo(1_000.0);
        assertThat(rate.next(2_100, 5_000_000_000L)).as("a stall shows at once").isZero();
        assertThat(rate.next(2_600, 5_500_000_000L)).isEqualTo(1_000.0);
        assertThat(rate.next(2_700, 5_500_000_000L)).as("no time passed").isZero();
    }
}
