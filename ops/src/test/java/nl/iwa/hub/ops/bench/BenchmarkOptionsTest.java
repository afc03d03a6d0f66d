package nl.iwa.hub.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

    @Test
    void withoutArgumentsTheDefaultsAvoidTheLocalStacksPorts() {
        BenchmarkOptions o = BenchmarkOptions.parse();

        assertThat(o.phaseSeconds()).isEqualTo(30);
        assertThat(o.rates()).containsExactly(500, 1000, 2000);
        assertThat(o.saturationMessages()).isEqualTo(50_000);
        assertThat(o.warmupMessages()).isEqualTo(20_000);
        assertThat(o.jfr()).isFalse();
        assertThat(o.skipRaw()).isFalse();
        assertThat(o.hubs()).isEqualTo(1);
        assertThat(o.residents()).isEqualTo(Residents.REPEATING);
        assertThat(o.hubPorts()).containsExactly(18080);
        assertThat(List.of(o.kafkaPort(), o.controllerPort(), o.registryPort(), o.hubPort()))
                .containsExactly(19092, 19093, 18081, 18080)
                .doesNotContain(9092, 9093, 8081, 8080);
        assertThat(o.outDir()).isEqualTo(Path.of("ops/target/benchmark").toAbsolutePath().normalize());
        assertThat(o.runDir()).isEqualTo(o.outDir().resolve("run"));
        assertThat(o.help()).isFalse();
    }

    @Test
    void readsEveryOption() {
        BenchmarkOptions o = BenchmarkOptions.parse("--phase-seconds", "10", "--rates", "100, 250", "--saturation-messages",
                "1,000,000", "--warmup-messages", "0", "--jfr", "--drain-seconds", "5", "--skip-raw", "--kafka-port", "29092",
                "--registry-port", "28081", "--hub-port", "28080", "--hub-jar", "x/hub.jar", "--out", "/tmp/bench-out");

        assertThat(o.phaseSeconds()).isEqualTo(10);
        assertThat(o.rates()).containsExactly(100, 250);
        assertThat(o.saturationMessages()).as("thousands separators allowed").isEqualTo(1_000_000);
        assertThat(o.warmupMessages()).isZero();
        assertThat(o.jfr()).isTrue();
        assertThat(o.drainSeconds()).isEqualTo(5);
        assertThat(o.skipRaw()).isTrue();
        assertThat(o.controllerPort()).isEqualTo(29093);
        assertThat(o.registryPort()).isEqualTo(28081);
        assertThat(o.hubPort()).isEqualTo(28080);
        assertThat(o.hubJar()).isEqualTo(Path.of("x/hub.jar").toAbsolutePath());
        assertThat(o.outDir()).isEqualTo(Path.of("/tmp/bench-out"));
        assertThat(BenchmarkOptions.parse("--help").help()).isTrue();
        assertThat(o.hubs()).isEqualTo(1);
    }

    @Test
    void runsUpToThreeHubsTheOthersOnTheNextPortsNoOtherOptionTook() {
        BenchmarkOptions o = BenchmarkOptions.parse("--hubs", "2", "--hub-port", "28080");

        assertThat(o.hubs()).isEqualTo(2);
        assertThat(o.hubPorts()).containsExactly(28080, 28081);
        assertThat(BenchmarkOptions.parse("--hubs", "2").hubPorts()).as("the registry has 18081")
                .containsExactly(18080, 18082);
        assertThat(BenchmarkOptions.parse("--hubs", "3").hubPorts()).containsExactly(18080, 18082, 18083);
    }

    @Test
    void refusesHubCountsOutsideOneToThreeAndTheRemovedEngineOptions() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--hubs", "0")).hasMessage("--hubs must be between 1 and 3, not 0");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--hubs", "4")).hasMessage("--hubs must be between 1 and 3, not 4");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--hubs", "2", "--registry-port", "18080"))
                .hasMessageContaining("port 18080 is given twice");
        // the hub has one engine since the classic one was removed (#14)
        assertThatThrownBy(() -> BenchmarkOptions.parse("--engine", "classic")).hasMessageContaining("unknown option --engine");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--rekeyed")).hasMessageContaining("unknown option --rekeyed");
    }

    @Test
    void distinctResidentsGiveEveryCaseANewResidentWithoutABsn() {
        BenchmarkOptions o = BenchmarkOptions.parse("--residents", "Distinct");
        assertThat(o.residents()).isEqualTo(Residents.DISTINCT);
        var first = o.residents().forCase(nl.iwa.hub.ops.demo.Scenario.WORK_REINTEGRATION);
        var second = o.residents().forCase(nl.iwa.hub.ops.demo.Scenario.WORK_REINTEGRATION);
        assertThat(first.getBsn()).isNull();
        assertThat(first.getFamilyName()).isNotEqualTo(second.getFamilyName());
        assertThat(BenchmarkOptions.parse().residents().forCase(nl.iwa.hub.ops.demo.Scenario.WORK_REINTEGRATION).getBsn()).isNotNull();
    }

    @Test
    void refusesWhatItCannotRunWithAMessageNamingTheOption() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--phase-seconds")).hasMessageContaining("--phase-seconds needs a value");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--phase-seconds", "0")).hasMessageContaining("between 1 and 3600");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--rates", "500,fast")).hasMessageContaining("--rates must be a whole number");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--rates", ",")).hasMessageContaining("at least one rate");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--saturation-messages", "20000000")).hasMessageContaining("10000000");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--warp", "9")).hasMessageContaining("unknown option --warp");
        assertThatThrownBy(() -> BenchmarkOptions.parse("500")).hasMessageContaining("unexpected argument '500'");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--drain-seconds", "soon")).hasMessage("--drain-seconds must be a whole number, not 'soon'");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--warmup-messages", "10000001"))
                .hasMessage("--warmup-messages must be between 0 and 10000000, not 10000001");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--rates", "0")).hasMessage("--rates must be between 1 and 1000000, not 0");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--residents", "many")).hasMessage("--residents must be repeating or distinct, not 'many'");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--kafka-port", "65535")).hasMessage("--kafka-port must be between 1 and 65534, not 65535");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--skip-raw", "true")).as("a flag takes no value")
                .hasMessage("unexpected argument 'true'");
    }

    @Test
    void theLastOfARepeatedOptionCounts() {
        BenchmarkOptions o = BenchmarkOptions.parse("--phase-seconds", "5", "--phase-seconds", "7", "--saturation-messages", "2_000");

        assertThat(o.phaseSeconds()).isEqualTo(7);
        assertThat(o.saturationMessages()).isEqualTo(2_000);
        assertThat(BenchmarkOptions.parse("-h").help()).isTrue();
    }

    @Test
    void refusesPortsThatWouldClashIncludingTheControllerNextToTheBroker() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--kafka-port", "18080"))
                .hasMessageContaining("port 18080 is given twice");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--registry-port", "19093"))
                .hasMessageContaining("port 19093 is given twice");
    }
}
