package nl.iwa.hub.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class MeasurementTest {

    private final Measurement m = new Measurement();

    @Test
    void anAwaitedMessageCountsOnceWithItsLatency() {
        m.sent("a", true, 1_000_000);
        m.sent("b", true, 2_000_000);
        m.sent("consent", false, 3_000_000);

        m.arrived("a", "signal", 11_000_000);   // 10 ms after its send

        assertThat(m.sent()).isEqualTo(3);
        assertThat(m.expected()).isEqualTo(2);
        assertThat(m.delivered()).isEqualTo(1);
        assertThat(m.outstanding()).as("b never arrived").isEqualTo(1);
        assertThat(m.latency().getMaxValue()).isBetween(9_990L, 10_010L);
        assertThat(m.firstSendNanos()).isEqualTo(1_000_000);
        assertThat(m.lastDeliveryNanos()).isEqualTo(11_000_000);
    }

    @Test
    void aSecondDeliveryIsADuplicateNotASecondDelivery() {
        m.sent("a", true, 0);

        m.arrived("a", "signal", 5_000_000);
        m.arrived("a", "signal", 6_000_000);

        assertThat(m.delivered()).isEqualTo(1);
        assertThat(m.duplicates()).isEqualTo(1);
        assertThat(m.latency().getTotalCount()).isEqualTo(1);
        assertThat(m.extraCounts()).isEmpty();
    }

    @Test
    void aDuplicateIsRecognisedInALaterPhaseOfTheSameSystem() {
        Set<String> deliveredToThisSystem = ConcurrentHashMap.newKeySet();
        Measurement first = new Measurement(deliveredToThisSystem);
        first.sent("a", true, 0);
        first.arrived("a", "handoff", 1_000);

        Measurement second = new Measurement(deliveredToThisSystem);
        second.arrived("a", "handoff", 2_000);
        second.arrived("from-before-this-run", "signal", 3_000);

        assertThat(second.duplicates()).isEqualTo(1);
        assertThat(second.delivered()).isZero();
        assertThat(second.extraCounts()).containsOnly(java.util.Map.entry("unmatched signal", 1L));
    }

    @Test
    void rejectionsOfFlowsThatMustBeBlockedAreToldApartFromRejectionsOfLawfulFlows() {
        m.sent("lawful", true, 0);
        m.sent("no-policy", false, 0);

        m.rejected("no-policy", "NO_POLICY");
        m.rejected("lawful", "NO_CONSENT");

        assertThat(m.blockedCounts()).containsOnly(java.util.Map.entry("NO_POLICY", 1L));
        assertThat(m.rejectedCounts()).containsOnly(java.util.Map.entry("NO_CONSENT", 1L));
        assertThat(m.outstanding()).as("a rejected lawful flow is still missing: lost").isEqualTo(1);
    }

    @Test
    void aDeliveryOfAFlowTheHubWouldBlockIsNamedAsSuch() {
        m.sent("purpose-separation", false, 0);

        m.arrived("purpose-separation", "signal", 1_000);
        m.arrived(null, "relay", 1_000);

        assertThat(m.delivered()).isZero();
        assertThat(m.extraCounts()).containsEntry("signal of a flow the hub blocks", 1L).containsEntry("unmatched relay", 1L);
    }
}
