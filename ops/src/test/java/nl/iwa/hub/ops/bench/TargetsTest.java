package nl.iwa.hub.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {

    @Test
    void reportsEachTargetAsMetMissedOrNotMeasured() {
        List<PhaseResult> phases = List.of(
                phase("hub", "1000 msg/s", 1000, 1000, 1000, 40, 600),
                phase("hub", "saturation", 0, 500, 499, 900, 800),
                phase("raw", "saturation", 0, 500, 500, 300, Double.NaN));

        List<Targets.Check> checks = Targets.evaluate(phases);

        assertThat(checks).extracting(Targets.Check::name).containsExactly("throughput", "latency", "loss", "memory");
        assertThat(checks.get(0).status()).as("%s", checks.get(0)).isEqualTo(Targets.Status.MET);      // 900 / 300 = 3
        assertThat(checks.get(1).status()).as("%s", checks.get(1)).isEqualTo(Targets.Status.MET);      // p99 40 ms
        assertThat(checks.get(2).status()).as("%s", checks.get(2)).isEqualTo(Targets.Status.MISSED);   // one lost
        assertThat(checks.get(3).status()).as("%s", checks.get(3)).isEqualTo(Targets.Status.MISSED);   // 800 MB
        assertThat(Targets.evaluate(List.of()).get(0).status()).isEqualTo(Targets.Status.NOT_MEASURED);
    }

    private static PhaseResult phase(String system, String name, int rate, long expected, long delivered, double rateOrP99,
                                     double rssMb) {
        boolean saturation = rate == 0;
        LatencyStats latency = new LatencyStats(delivered, 5, saturation ? 100 : rateOrP99, 120, 130);
        return new PhaseResult(system, name, rate, 10, expected, expected, delivered, 100, saturation ? rateOrP99 : 100,
                latency, rssMb, rssMb, 50, Map.of(), Map.of());
    }
}
