package nl.iwa.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AcceleratedClockTest {

    private static final double SPEED = 1440;

    @Test
    void clocksStartedAtDifferentMomentsWithOneEpochTellTheSameTime() {
        Instant epoch = Instant.now().minusSeconds(5);
        // a hub started five seconds after the epoch, and one started now: without a shared epoch they would be
        // 5 s x 1440 = 2 hours apart
        AcceleratedClock early = new AcceleratedClock(SPEED, epoch.plusSeconds(5));
        AcceleratedClock late = new AcceleratedClock(SPEED, epoch);
        AcceleratedClock first = new AcceleratedClock(SPEED, epoch);
        Duration apart = Duration.between(first.instant(), late.instant()).abs();
        // the two instants are read microseconds apart, which the clock multiplies by 1440
        assertThat(apart).isLessThan(Duration.ofSeconds(5));
        assertThat(Duration.between(epoch, first.instant())).as("5 s since the epoch, 1440 times faster")
                .isGreaterThanOrEqualTo(Duration.ofHours(2));
        assertThat(Duration.between(early.instant(), first.instant())).as("a later epoch is behind")
                .isGreaterThan(Duration.ofMinutes(110));
    }

    @Test
    void withoutAnEpochTimeRunsFasterFromNow() {
        Instant before = Instant.now();
        AcceleratedClock clock = new AcceleratedClock(SPEED);
        assertThat(clock.instant()).isAfterOrEqualTo(before).isBefore(before.plus(Duration.ofHours(1)));
    }

    @Test
    void anEpochInTheFutureIsRefused() {
        assertThatThrownBy(() -> new AcceleratedClock(SPEED, Instant.now().plusSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after now");
    }
}
