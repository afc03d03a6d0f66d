package nl.iwa.hub.ops.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import nl.iwa.hub.ops.options.CommandLineOptions;
import nl.iwa.hub.ops.options.Hubs;
import picocli.CommandLine.Option;

/** The benchmark's command line, parsed and checked before anything starts. */
public record BenchmarkOptions(int phaseSeconds, List<Integer> rates, int saturationMessages, int warmupMessages,
                               int drainSeconds, boolean skipRaw, boolean jfr, int hubs, Residents residents, int kafkaPort,
                               int registryPort, int hubPort, Path hubJar, Path outDir, boolean help) {

    public static final int MAX_SATURATION_MESSAGES = 10_000_000;

    public static final String USAGE = """
            usage: ops/benchmark.sh [--no-build] [options]
              --phase-seconds N        length of each fixed-rate phase (default 30)
              --rates A,B,C            fixed rates in outbox messages per second (default 500,1000,2000)
              --saturation-messages N  messages sent as fast as the producer allows (default 50000; e.g. 1000000
                                       for the long run; 0 skips the saturation phase)
              --warmup-messages N      a warm-up before the measured phases: N messages as fast as the producer
                                       allows, drained, reported apart, then --phase-seconds at the highest rate, not
                                       measured, so that no rate is measured on code the JIT has not compiled yet,
                                       whatever its place in the run (default 20000; 0 skips both); every hub phase
                                       starts once the machine has settled (CPU under 20 % for 3 s, at most 120 s)
              --drain-seconds N        after sending, wait for outstanding deliveries until none arrived for N s (default 30)
              --skip-raw               skip the raw kafka-clients relay baseline (no hub/raw ratios then)
              --jfr                    record the hub with Java Flight Recorder (profile settings) and report where
                                       its time goes: hottest methods, GC pauses, lock waits (hub-profile.md)
              --hubs N                 hub processes side by side in one consumer group, sharing the decide
                                       topology's partitions, 1 to 3 (default 1); RSS and CPU are reported per hub
              --residents R            whom the cases are about: repeating (default), the ~9,000 synthetic BSNs, each
                                       resident in many cases of a long run; or distinct, a new resident with every
                                       case, known by name, birth date and postcode
              --kafka-port N           broker port (default 19092; its KRaft controller listens on N+1)
              --registry-port N        Apicurio registry port (default 18081)
              --hub-port N             hub HTTP port (default 18080; with --hubs N the others take the next ports no
                                       other option took: 18082, 18083)
              --hub-jar PATH           the hub (default routes/target/iwa-hub.jar)
              --out PATH               report.md, report.json and the run's logs (default ops/target/benchmark)
              --no-build               (benchmark.sh) skip the Maven build
            """;

    public static BenchmarkOptions parse(String... args) {
        Given given = CommandLineOptions.parse(new Given(), args);
        BenchmarkOptions options = new BenchmarkOptions(
                CommandLineOptions.between("--phase-seconds", given.phaseSeconds, 1, 3600),
                rates(given.rates),
                CommandLineOptions.between("--saturation-messages", given.saturationMessages, 0, MAX_SATURATION_MESSAGES),
                CommandLineOptions.between("--warmup-messages", given.warmupMessages, 0, MAX_SATURATION_MESSAGES),
                CommandLineOptions.between("--drain-seconds", given.drainSeconds, 1, 3600),
                given.skipRaw, given.jfr, Hubs.checked(given.hubs), given.residents,
                CommandLineOptions.between("--kafka-port", given.kafkaPort, 1, 65534),
                CommandLineOptions.between("--registry-port", given.registryPort, 1, 65535),
                CommandLineOptions.between("--hub-port", given.hubPort, 1, 65535),
                given.hubJar.toAbsolutePath().normalize(), given.outDir.toAbsolutePath().normalize(), given.help);
        CommandLineOptions.requireDistinct(IntStream.concat(IntStream.of(options.kafkaPort, options.controllerPort(), options.scramPort(),
                options.registryPort), Arrays.stream(options.hubPorts())).toArray(),
                "the broker's controller uses --kafka-port + 1");
        return options;
    }

    /** The options as given, with their defaults (those of {@link #USAGE}); ranges are checked in {@link #parse}. */
    private static final class Given {
        @Option(names = "--phase-seconds", converter = CommandLineOptions.WholeNumber.class)
        int phaseSeconds = 30;
        @Option(names = "--rates")
        String rates = "500,1000,2000";
        @Option(names = "--saturation-messages", converter = CommandLineOptions.Count.class)
        int saturationMessages = 50_000;
        @Option(names = "--warmup-messages", converter = CommandLineOptions.Count.class)
        int warmupMessages = 20_000;
        @Option(names = "--drain-seconds", converter = CommandLineOptions.WholeNumber.class)
        int drainSeconds = 30;
        @Option(names = "--skip-raw")
        boolean skipRaw;
        @Option(names = "--jfr")
        boolean jfr;
        @Option(names = "--hubs", converter = CommandLineOptions.WholeNumber.class)
        int hubs = 1;
        @Option(names = "--residents", converter = Residents.Converter.class)
        Residents residents = Residents.REPEATING;
        @Option(names = "--kafka-port", converter = CommandLineOptions.WholeNumber.class)
        int kafkaPort = 19092;
        @Option(names = "--registry-port", converter = CommandLineOptions.WholeNumber.class)
        int registryPort = 18081;
        @Option(names = "--hub-port", converter = CommandLineOptions.WholeNumber.class)
        int hubPort = 18080;
        @Option(names = "--hub-jar")
        Path hubJar = Path.of("routes/target/iwa-hub.jar");
        @Option(names = "--out")
        Path outDir = Path.of("ops/target/benchmark");
        @Option(names = {"--help", "-h"})
        boolean help;
    }

    public int controllerPort() {
        return kafkaPort + 1;
    }

    /** The secured broker's SCRAM listener. */
    public int scramPort() {
        return kafkaPort + 2;
    }

    /**
     * The HTTP port of each hub: {@code hubPort} for the first, for the others each next port no other option took
     * (18080, 18082, 18083 by default: the registry has 18081).
     */
    public int[] hubPorts() {
        return CommandLineOptions.portsFrom(hubPort, hubs, kafkaPort, controllerPort(), scramPort(), registryPort);
    }

    /** Broker data and the child processes' logs. */
    public Path runDir() {
        return outDir.resolve("run");
    }

    static List<Integer> rates(String value) {
        List<Integer> rates = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                rates.add(CommandLineOptions.between("--rates", CommandLineOptions.wholeNumber("--rates", part.trim()), 1, 1_000_000));
            }
        }
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("--rates needs at least one rate, e.g. 500,1000,2000");
        }
        return List.copyOf(rates);
    }
}
