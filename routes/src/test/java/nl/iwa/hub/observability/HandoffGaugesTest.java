package nl.iwa.hub.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.handoff.ListedHandoffs;
import org.junit.jupiter.api.Test;

class HandoffGaugesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final ListedHandoffs handoffs = new ListedHandoffs();
    private final AtomicLong nanos = new AtomicLong();
    private final HandoffGauges.OpenHandoffCounts counts =
            new HandoffGauges.OpenHandoffCounts(handoffs, Clock.fixed(NOW, ZoneOffset.UTC), nanos::get);

    @Test
    void countsOpenAndOverdueHandoffsPerReceiver() {
        handoffs.add("uwv", HandoffStatus.REQUESTED, NOW.minusSeconds(60));
        handoffs.add("uwv", HandoffStatus.RECEIVED, NOW.plusSeconds(60));
        handoffs.add("uwv", HandoffStatus.RECEIVED, null);
        handoffs.add("housing", HandoffStatus.REQUESTED, NOW.minusSeconds(1));

        assertThat(counts.open("uwv")).isEqualTo(3);
        assertThat(counts.overdue("uwv")).isEqualTo(1);
        assertThat(counts.open("housing")).isEqualTo(1);
        assertThat(counts.overdue("housing")).isEqualTo(1);
        assertThat(counts.open("gp")).isZero();
    }

    @Test
    void oneScrapeReadsTheHandoffsOnceAndALaterOneReadsThemAgain() {
        handoffs.add("uwv", HandoffStatus.REQUESTED, null);
        counts.open("uwv");
        counts.overdue("uwv");
        counts.open("housing");
        assertThat(handoffs.reads).hasValue(1);

        handoffs.add("uwv", HandoffStatus.REQUESTED, null);
        nanos.addAndGet(1_500_000_000L);
        assertThat(counts.open("uwv")).isEqualTo(2);
        assertThat(handoffs.reads).hasValue(2);
    }

    @Test
    void anOverviewStillRestoringGivesNoFigureRatherThanZero() {
        handoffs.restoring = true;
        assertThat(counts.open("uwv")).isNaN();
        handoffs.restoring = false;
        handoffs.add("uwv", HandoffStatus.REQUESTED, null);
        assertThat(counts.open("uwv")).isEqualTo(1);
    }
}
