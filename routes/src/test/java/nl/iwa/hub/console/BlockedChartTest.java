package nl.iwa.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import nl.iwa.hub.audit.AuditTrailTest;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.privacy.BlockedPerDay;
import org.junit.jupiter.api.Test;

class BlockedChartTest {

    @Test
    void theBusiestDayFillsThePlotAndEachReasonIsAStackedPartWithItsOwnColour() {
        LocalDate today = LocalDate.of(2026, 12, 3);
        List<AuditRecord> records = List.of(blocked(ReasonCode.NO_POLICY, today), blocked(ReasonCode.NO_POLICY, today),
                blocked(ReasonCode.NO_CONSENT, today), blocked(ReasonCode.NO_CONSENT, today.minusDays(1)));

        BlockedChart chart = BlockedChart.of(BlockedPerDay.of(records, today, 30, ZoneOffset.UTC));

        assertThat(chart.bars()).hasSize(3);
        List<BlockedChart.Bar> busiest = chart.bars().stream().filter(b -> b.title().startsWith("2026-12-03")).toList();
        int plot = BlockedChart.HEIGHT - 20;
        assertThat(busiest.stream().mapToInt(BlockedChart.Bar::height).sum()).as("three of three fill the plot").isEqualTo(plot);
        assertThat(busiest.get(0).y() + busiest.get(0).height()).as("stacked from the axis").isEqualTo(plot);
        assertThat(busiest.get(1).y() + busiest.get(1).height()).isEqualTo(busiest.get(0).y());
        assertThat(busiest).extracting(BlockedChart.Bar::colour).doesNotHaveDuplicates();
        assertThat(chart.legend()).extracting(BlockedChart.Legend::reason).containsExactly("NO_CONSENT", "NO_POLICY");
        assertThat(chart.bars()).allSatisfy(b -> assertThat(b.x() + b.width()).isLessThanOrEqualTo(BlockedChart.WIDTH));
        assertThat(BlockedChart.colourOf("NO_POLICY")).isEqualTo(BlockedChart.colourOf("NO_POLICY"))
                .isNotEqualTo(BlockedChart.colourOf("NO_CONSENT"));
    }

    private static AuditRecord blocked(ReasonCode reason, LocalDate day) {
        AuditRecord r = AuditTrailTest.record("a");
        r.setDecision(Decision.BLOCKED);
        r.setReasonCode(reason);
        r.setRecordedAt(Instant.parse(day + "T10:00:00Z"));
        return r;
    }
}
