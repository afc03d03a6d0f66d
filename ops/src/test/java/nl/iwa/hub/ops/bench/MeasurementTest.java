package nl.iwa.hub.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeasurementTest {

    private final Measurement m = new Measurement();

    @Test
    void anAwaitedMessageCountsOnceWithItsLatencyAndAnythingElseIsAnExtra() {
        m.sent("a", true, 1_000_000);
        m.sent("b", true, 2_000_000);
        m.sent("consent", false, 3_000_000);

        m.arrived("a", "signal", 11_000_000);   // 10 ms after its send
        m.arrived("a", "signal", 12_000_000);   // a duplicate: not counted twice
        m.arrived("consent", "relay", 13_000_000);
        m.rejected("NO_POLICY");

        assertThat(m.sent()).isEqualTo(3);
        assertThat(m.expected()).isEqualTo(2);
        assertThat(m.delivered()).isEqualTo(1);
        assertThat(m.outstanding()).as("b never arrived").isEqualTo(1);
        assertThat(m.extraCounts()).containsEntry("signal", 1L).containsEntry("relay", 1L);
        assertThat(m.rejectedCounts()).containsEntry("NO_POLICY", 1L);
        assertThat(m.latency().getMaxValue()).isBetween(9_990L, 10_010L);
        assertThat(m.firstSendNanos()).isEqualTo(1_000_000);
        assertThat(m.lastDeliveryNanos()).isEqualTo(11_000_000);
    }
}
