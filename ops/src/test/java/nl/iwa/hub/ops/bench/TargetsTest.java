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

        assertThat(checks).extracting(Targets.Check::name).containsExactly("throughput", "latency", "loss", "duplicates", "memory");
        assertThat(check(checks, "throughput").status()).isEqualTo(Targets.Status.MET);   // 900 / 300 = 3
        assertThat(check(checks, "latency").status()).isEqualTo(Targets.Status.MET);      // p99 40 ms
        assertThat(check(checks, "loss").status()).isEqualTo(Targets.Status.MISSED);      // one lost
        assertThat(check(checks, "loss").verdict()).isEqualTo("missed by 1 messages (0.067 %)");
        assertThat(check(checks, "memory").status()).isEqualTo(Targets.Status.MISSED);    // 800 MB
        assertThat(Targets.evaluate(List.of())).extracting(Targets.Check::status).containsOnly(Targets.Status.NOT_MEASURED);
    }

    @Test
    void theThroughputTargetIsHalfTheRawRelayAndTheLatencyTargetFiftyMillisecondsAtOneThousand() {
        assertThat(Targets.throughput(List.of(phase("hub", "saturation", 0, 10, 10, 500, 400),
                phase("raw", "saturation", 0, 10, 10, 1000, Double.NaN))).status()).isEqualTo(Targets.Status.MET);
        assertThat(Targets.throughput(List.of(phase("hub", "saturation", 0, 10, 10, 499, 400),
                phase("raw", "saturation", 0, 10, 10, 1000, Double.NaN))).status()).isEqualTo(Targets.Status.MISSED);
        assertThat(Targets.latency(List.of(phase("hub", "1000 msg/s", 1000, 10, 10, 50.1, 400))).status())
                .isEqualTo(Targets.Status.MISSED);
        assertThat(Targets.latency(List.of(phase("hub", "500 msg/s", 500, 10, 10, 1, 400))).status())
                .as("only the 1,000 msg/s phase counts").isEqualTo(Targets.Status.NOT_MEASURED);
    }

    @Test
    void noLossInARunShorterThanAMillionMessagesIsNotTheTargetMet() {
        PhaseResult shortRun = phase("hub", "saturation", 0, 20_000, 20_000, 900, 400);
        PhaseResult longRun = new PhaseResult("hub", "saturation", 0, 300, 1_000_000, 700_000, 700_000, 0, 9_000, 3_000,
                LatencyStats.NONE, 500, 500, 80, Map.of(), Map.of(), Map.of());

        Targets.Check small = Targets.loss(List.of(shortRun));
        assertThat(small.status()).isEqualTo(Targets.Status.MET_IN_A_SMALLER_RUN);
        assertThat(small.verdict()).contains("20,000 messages").contains("--saturation-messages 1000000");
        assertThat(Targets.loss(List.of(longRun)).status()).isEqualTo(Targets.Status.MET);
        assertThat(Targets.loss(List.of(phase("raw", "saturation", 0, 20_000, 10, 900, 400))).status())
                .as("the raw relay's losses are not the hub's").isEqualTo(Targets.Status.NOT_MEASURED);
    }

    @Test
    void aDuplicateDeliveryByTheHubIsReportedAsAMiss() {
        PhaseResult clean = phase("hub", "saturation", 0, 100, 100, 900, 400);
        PhaseResult doubled = new PhaseResult("hub", "500 msg/s", 500, 10, 100, 100, 100, 2, 500, 500,
                LatencyStats.NONE, 400, 400, 50, Map.of(), Map.of(), Map.of());

        assertThat(Targets.duplicates(List.of(clean)).status()).isEqualTo(Targets.Status.MET);
        Targets.Check check = Targets.duplicates(List.of(clean, doubled));
        assertThat(check.status()).isEqualTo(Targets.Status.MISSED);
        assertThat(check.actual()).isEqualTo("2 duplicates in 200 deliveries");
    }

    private static Targets.Check check(List<Targets.Check> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static PhaseResult phase(String system, String name, int rate, long expected, long delivered, double rateOrP99,
                                     double rssMb) {
        boolean saturation = rate == 0;
        LatencyStats latency = new LatencyStats(delivered, 5, saturation ? 100 : rateOrP99, 120, 130);
        return new PhaseResult(system, name, rate, 10, expected, expected, delivered, 0, 100, saturation ? rateOrP99 : 100,
                latency, rssMb, rssMb, 50, Map.of(), Map.of(), Map.of());
    }
}
