package nl.iwa.hub.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final MachineInfo MACHINE = new MachineInfo("2026-11-23T09:00:00Z", 2, 24_000, "Test CPU", "OpenJDK 17", "Linux");

    private final Report report = new Report(MACHINE, settings(), List.of(
            Phases.fixed("hub", 1000, 12.5, 45),
            Phases.saturation("hub", 3_000),
            Phases.fixed("raw", 1000, 2.5, 9),
            Phases.saturation("raw", 6_000)), List.of("raw relay: at-least-once"));

    @Test
    void markdownHasTheMachineARowPerPhaseTheRatiosAndTheTargets() {
        String md = report.markdown();

        assertThat(md).contains("- Date: 2026-11-23T09:00:00Z")
                .contains("2 cores (Test CPU), 24,000 MB memory")
                .contains("- Settings: phaseSeconds 10, rates [1000]");
        assertThat(md).contains("| hub | 1000 msg/s | 1,000 | 1,000 | 700 | 10,000 | 7,000 | 7,000 | 0 | 0 | 12.5 | 45.0 | 67.5 | 90.0 | 420.0 | 55.0 |");
        assertThat(md).contains("| raw | saturation | max |");
        assertThat(md).contains("| deliveries per second at saturation | 0.50 |");
        assertThat(md).contains("| latency at 1,000 msg/s: p50 / p99 / p99.9 | 5.00 / 5.00 / 5.00 |");
        assertThat(md).contains("| hub ≥ 0.5 × raw at saturation | 0.5 × raw | **met** |");
        assertThat(md).contains("| hub p99 ≤ 50 ms at 1000 msg/s | p99 45 ms | **met** |");
        assertThat(md).contains("- raw relay: at-least-once");
        assertThat(md).as("raw runs in the benchmark's JVM: no RSS of its own").contains("| 2.50 | 9.00 | 13.5 | 18.0 | – | – |");
    }

    @Test
    void jsonIsValidAndCarriesTheSameFiguresWithNullWhereNothingWasMeasured() throws Exception {
        JsonNode root = new ObjectMapper().readTree(report.json());

        assertThat(root.get("date").asText()).isEqualTo("2026-11-23T09:00:00Z");
        assertThat(root.get("machine").get("cores").asInt()).isEqualTo(2);
        assertThat(root.get("phases")).hasSize(4);
        JsonNode hub1000 = root.get("phases").get(0);
        assertThat(hub1000.get("system").asText()).isEqualTo("hub");
        assertThat(hub1000.get("targetRate").asInt()).isEqualTo(1000);
        assertThat(hub1000.get("latencyMs").get("p99").asDouble()).isEqualTo(45.0);
        assertThat(hub1000.get("hubRssMaxMb").asDouble()).isEqualTo(420.0);
        JsonNode rawSaturation = root.get("phases").get(3);
        assertThat(rawSaturation.get("targetRate").isNull()).as("saturation has no target rate").isTrue();
        assertThat(rawSaturation.get("hubRssMaxMb").isNull()).as("NaN becomes null").isTrue();
        assertThat(root.get("hubOverRaw").get("saturationThroughput").asDouble()).isEqualTo(0.5);
        assertThat(root.get("targets")).extracting(t -> t.get("name").asText()).contains("throughput", "latency", "loss", "memory");
        assertThat(root.get("notes").get(0).asText()).isEqualTo("raw relay: at-least-once");
    }

    @Test
    void notesTellFlowsBlockedAsIntendedFromLawfulFlowsRejectedAndNameASmallerRunForTheLossTarget() {
        PhaseResult hub = new PhaseResult("hub", "500 msg/s", 500, 10, 5_000, 3_500, 3_499, 1, 500, 350,
                new LatencyStats(3_499, 5, 20, 30, 40), 400, 410, 60, Map.of("NO_POLICY", 300L), Map.of("NO_CONSENT", 1L),
                Map.of("hub relay", 700L));

        String md = new Report(MACHINE, settings(), List.of(hub), List.of()).markdown();

        assertThat(md).contains("- hub 500 msg/s: blocked as intended {NO_POLICY=300}")
                .contains("- hub 500 msg/s: **lawful flows rejected** {NO_CONSENT=1}")
                .contains("- hub 500 msg/s: other inbox traffic {hub relay=700}")
                .contains("| 3,500 | 3,499 | 1 | 1 |")
                .contains("| no hub message lost in a run of 1,000,000 messages | 1 of 3,500 awaited lost (5,000 messages sent) "
                        + "| **missed by 1 messages (0.029 %)** |")
                .contains("| 1 duplicates in 3,499 deliveries | **missed by 1 duplicates** |");
        PhaseResult clean = new PhaseResult("hub", "500 msg/s", 500, 10, 5_000, 3_500, 3_500, 0, 500, 350,
                new LatencyStats(3_500, 5, 20, 30, 40), 400, 410, 60, Map.of(), Map.of(), Map.of());
        assertThat(new Report(MACHINE, settings(), List.of(clean), List.of()).markdown())
                .contains("| none lost, but in a run of 5,000 messages: the target's run is --saturation-messages 1000000 |");
    }

    @Test
    void withSeveralHubsTheMemoryAndCpuOfEachAreGivenTheHighestRssHeldToTheTargetAndTheCpuSummed() throws Exception {
        List<HubUsage> hubs = List.of(new HubUsage(1, 412, 430, 30), new HubUsage(2, 398.5, 401, 28));
        PhaseResult twoHubs = new PhaseResult("hub", "1000 msg/s", 1000, 10, 10_000, 7_000, 7_000, 0, 1000, 700,
                new LatencyStats(7_000, 12.5, 45, 67.5, 90), HubUsage.highestRssMb(hubs), HubUsage.highestHwmMb(hubs),
                HubUsage.totalCpuPercent(hubs), Map.of(), Map.of(), Map.of(), hubs);
        Map<String, Object> settings = settings();
        settings.put("engine", "streams");
        settings.put("hubs", 2);
        Report two = new Report(MACHINE, settings, List.of(twoHubs), List.of());

        assertThat(two.markdown()).contains("- Settings: phaseSeconds 10, rates [1000], engine streams, hubs 2")
                .contains("| 12.5 | 45.0 | 67.5 | 90.0 | 412.0 / 398.5 | 30.0 / 28.0 |")
                .contains("- hub 1000 msg/s: hub VmHWM hub 1 430.0 MB, hub 2 401.0 MB at the end of the phase")
                .contains("| hub RSS ≤ 768 MB | max 412 MB | **met** |");
        JsonNode phase = new ObjectMapper().readTree(two.json()).get("phases").get(0);
        assertThat(phase.get("hubRssMaxMb").asDouble()).isEqualTo(412.0);
        assertThat(phase.get("hubHwmMb").asDouble()).isEqualTo(430.0);
        assertThat(phase.get("hubCpuPercent").asDouble()).isEqualTo(58.0);
        assertThat(phase.get("hubInstances")).hasSize(2);
        assertThat(phase.get("hubInstances").get(1).get("hub").asInt()).isEqualTo(2);
        assertThat(phase.get("hubInstances").get(1).get("rssMaxMb").asDouble()).isEqualTo(398.5);
        assertThat(phase.get("hubInstances").get(1).get("hwmMb").asDouble()).isEqualTo(401.0);
        assertThat(phase.get("hubInstances").get(1).get("cpuPercent").asDouble()).isEqualTo(28.0);
        assertThat(new ObjectMapper().readTree(two.json()).get("settings").get("hubs").asInt()).isEqualTo(2);
    }

    @Test
    void withOneHubItsFiguresStandAloneAsBefore() {
        List<HubUsage> one = List.of(new HubUsage(1, 420, 420, 55));
        PhaseResult hub = new PhaseResult("hub", "1000 msg/s", 1000, 10, 10_000, 7_000, 7_000, 0, 1000, 700,
                new LatencyStats(7_000, 12.5, 45, 67.5, 90), HubUsage.highestRssMb(one), HubUsage.highestHwmMb(one),
                HubUsage.totalCpuPercent(one), Map.of(), Map.of(), Map.of(), one);

        assertThat(new Report(MACHINE, settings(), List.of(hub), List.of()).markdown())
                .contains("| 12.5 | 45.0 | 67.5 | 90.0 | 420.0 | 55.0 |")
                .contains("- hub 1000 msg/s: hub VmHWM 420.0 MB at the end of the phase");
    }

    @Test
    void millisecondsShowTwoDecimalsBelowTenAndADashWhenNothingWasMeasured() {
        assertThat(Report.ms(4.567)).isEqualTo("4.57");
        assertThat(Report.ms(45.67)).isEqualTo("45.7");
        assertThat(Report.ms(Double.NaN)).isEqualTo("–");
        assertThat(Report.count(1_234_567)).isEqualTo("1,234,567");
    }

    private static Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("phaseSeconds", 10);
        s.put("rates", List.of(1000));
        return s;
    }
}
