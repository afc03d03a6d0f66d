package nl.iwa.hub.connectors.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule defaults = new RetrySchedule(Duration.ofSeconds(10), 2, Duration.ofHours(1), Duration.ofHours(24));

    @Test
    void doublesFromTenSecondsUpToAnHour() {
        assertThat(defaults.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(defaults.delayAfter(9)).isEqualTo(Duration.ofSeconds(2560));
        assertThat(defaults.delayAfter(10)).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.delayAfter(1000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void keepsTryingForHoursAndGivesUpAfterADay() {
        Duration elapsed = Duration.ZERO;
        int attempts = 0;
        while (!defaults.givesUp(elapsed, defaults.delayAfter(attempts + 1))) {
            attempts++;
            elapsed = elapsed.plus(defaults.delayAfter(attempts));
        }
        assertThat(elapsed).isBetween(Duration.ofHours(23), Duration.ofHours(24));
        assertThat(attempts).isBetween(30, 40);
    }

    @Test
    void refusesASettingThatWouldNeverWait() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, 2, Duration.ofHours(1), Duration.ofHours(1)))
                .hasMessageContaining("retry");
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(1), 0.5, Duration.ofHours(1), Duration.ofHours(1)))
                .hasMessageContaining("retry");
    }
}
