package nl.iwa.hub.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RatiosTest {

    @Test
    void throughputIsHubOverRawDeliveriesPerSecondAtSaturation() {
        List<PhaseResult> phases = List.of(
                Phases.fixed("hub", 1000, 20, 60),
                Phases.saturation("hub", 3_000),
                Phases.saturation("raw", 7_500));

        assertThat(Ratios.saturationThroughput(phases)).hasValueSatisfying(r -> assertThat(r).isEqualTo(0.4));
    }

    @Test
    void noThroughputRatioWithoutBothSaturationPhasesOrWhenRawDeliveredNothing() {
        assertThat(Ratios.saturationThroughput(List.of(Phases.saturation("hub", 3_000)))).isEmpty();
        assertThat(Ratios.saturationThroughput(List.of(Phases.saturation("hub", 3_000), Phases.saturation("raw", 0)))).isEmpty();
    }

    @Test
    void latencyRatiosPairTheSameFixedRateAndSkipWarmUpAndRatesMeasuredOnOneSideOnly() {
        List<PhaseResult> phases = List.of(
                Phases.fixed("hub", PhaseResult.WARM_UP, 200, 100, 100),
                Phases.fixed("hub", 500, 40, 80),
                Phases.fixed("hub", 1000, 30, 90),
                Phases.fixed("raw", PhaseResult.WARM_UP, 200, 1, 1),
                Phases.fixed("raw", 500, 4, 10),
                Phases.fixed("raw", 2000, 5, 12));

        List<Ratios.LatencyRatio> ratios = Ratios.latency(phases);

        assertThat(ratios).hasSize(1);
        Ratios.LatencyRatio at500 = ratios.get(0);
        assertThat(at500.rate()).isEqualTo(500);
        assertThat(at500.p50()).isEqualTo(40.0 / 4);
        assertThat(at500.p99()).isEqualTo(80.0 / 10);
    }

    @Test
    void aZeroRawPercentileGivesNoRatioRatherThanInfinity() {
        PhaseResult hub = Phases.fixed("hub", 500, 4, 8);
        PhaseResult raw = new PhaseResult("raw", "500 msg/s", 500, 10, 10, 10, 10, 500, 500,
                new LatencyStats(10, 0, 0, 0, 0), Double.NaN, Double.NaN, Double.NaN, Map.of(), Map.of());

        assertThat(Ratios.latency(List.of(hub, raw)).get(0).p50()).isNaN();
    }
}
