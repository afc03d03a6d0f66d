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
        assertThat(md).contains("| hub | 1000 msg/s | 1,000 | 1,000 | 700 | 10,000 | 7,000 | 7,000 | 0 | 12.5 | 45.0 | 67.5 | 90.0 | 420.0 | 55.0 |");
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
