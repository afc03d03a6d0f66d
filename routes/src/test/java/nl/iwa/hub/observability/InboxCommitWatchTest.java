package nl.iwa.hub.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import nl.iwa.hub.observability.InboxCommitWatch.Seen;
import org.junit.jupiter.api.Test;

class InboxCommitWatchTest {

    /** A clock the test moves on. */
    static final class Hands extends Clock {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final Hands clock = new Hands();
    private final InboxCommitWatch watch = new InboxCommitWatch(clock);

    @Test
    void beforeTheFirstLookNothingIsKnown() {
        assertThat(watch.lastCommit("socialteam-heerlen")).isEmpty();
        assertThat(watch.ageSeconds("socialteam-heerlen")).isNaN();
    }

    @Test
    void aGroupWithOffsetsThatDoNotMoveIsNotSeenToMoveAndItsAgeCountsFromTheFirstLook() {
        Instant first = clock.now;
        watch.observe("socialteam-heerlen", Map.of(0, 5L, 1, 7L));
        clock.advance(Duration.ofMinutes(3));
        watch.observe("socialteam-heerlen", Map.of(0, 5L, 1, 7L));

        var last = watch.lastCommit("socialteam-heerlen").orElseThrow();
        assertThat(last.seen()).isEqualTo(Seen.NOT_SINCE_WATCHING);
        assertThat(last.since()).isEqualTo(first);
        assertThat(last.age()).isEqualTo(Duration.ofMinutes(3));
        assertThat(watch.ageSeconds("socialteam-heerlen")).isEqualTo(180.0);
    }

    @Test
    void aMoveOnAnyPartitionIsSeenAtTheLookThatFindsItAndTheAgeGrowsFromThere() {
        watch.observe("uwv-zuid-limburg", Map.of(0, 5L, 1, 7L));
        clock.advance(Duration.ofSeconds(15));
        watch.observe("uwv-zuid-limburg", Map.of(0, 5L, 1, 9L));
        Instant moved = clock.now;
        clock.advance(Duration.ofSeconds(15));
        watch.observe("uwv-zuid-limburg", Map.of(0, 5L, 1, 9L));
        clock.advance(Duration.ofSeconds(30));

        var last = watch.lastCommit("uwv-zuid-limburg").orElseThrow();
        assertThat(last.seen()).isEqualTo(Seen.MOVED);
        assertThat(last.since()).isEqualTo(moved);
        assertThat(watch.ageSeconds("uwv-zuid-limburg")).isEqualTo(45.0);
    }

    @Test
    void aGroupThatNeverCommittedSaysSoUntilItsFirstCommit() {
        watch.observe("gp-heerlen-centrum", Map.of());
        clock.advance(Duration.ofMinutes(1));
        watch.observe("gp-heerlen-centrum", Map.of());
        assertThat(watch.lastCommit("gp-heerlen-centrum").orElseThrow().seen()).isEqualTo(Seen.NEVER_COMMITTED);

        clock.advance(Duration.ofMinutes(1));
        watch.observe("gp-heerlen-centrum", Map.of(2, 1L));
        assertThat(watch.lastCommit("gp-heerlen-centrum").orElseThrow().seen()).isEqualTo(Seen.MOVED);
        assertThat(watch.ageSeconds("gp-heerlen-centrum")).isZero();
    }

    @Test
    void partnersAreWatchedApart() {
        watch.observe("socialteam-heerlen", Map.of(0, 1L));
        watch.observe("housing-mijnstreek", Map.of(0, 1L));
        clock.advance(Duration.ofSeconds(10));
        watch.observe("socialteam-heerlen", Map.of(0, 2L));
        watch.observe("housing-mijnstreek", Map.of(0, 1L));
        assertThat(watch.lastCommit("socialteam-heerlen").orElseThrow().seen()).isEqualTo(Seen.MOVED);
        assertThat(watch.lastCommit("housing-mijnstreek").orElseThrow().seen()).isEqualTo(Seen.NOT_SINCE_WATCHING);
    }
}
