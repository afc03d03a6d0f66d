package nl.iwa.hub.ops.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's command line, parsed and checked before anything starts. */
public record BenchmarkOptions(int phaseSeconds, List<Integer> rates, int saturationMessages, int warmupSeconds,
                               int drainSeconds, boolean skipRaw, int kafkaPort, int registryPort, int hubPort,
                               Path hubJar, Path outDir, boolean help) {

    public static final int MAX_SATURATION_MESSAGES = 10_000_000;

    public static final String USAGE = """
            usage: ops/benchmark.sh [--no-build] [options]
              --phase-seconds N        length of each fixed-rate phase (default 30)
              --rates A,B,C            fixed rates in outbox messages per second (default 500,1000,2000)
              --saturation-messages N  messages sent as fast as the producer allows (default 50000; e.g. 1000000
                                       for the long run; 0 skips the saturation phase)
              --warmup-seconds N       a warm-up at 200 msg/s before the measured phases, reported apart (default 10; 0 skips)
              --drain-seconds N        after sending, wait for outstanding deliveries until none arrived for N s (default 30)
              --skip-raw               skip the raw kafka-clients relay baseline (no hub/raw ratios then)
              --kafka-port N           broker port (default 19092; its KRaft controller listens on N+1)
              --registry-port N        Apicurio registry port (default 18081)
              --hub-port N             hub HTTP port (default 18080)
              --hub-jar PATH           the hub (default routes/target/iwa-hub.jar)
              --out PATH               report.md, report.json and the run's logs (default ops/target/benchmark)
              --no-build               (benchmark.sh) skip the Maven build
            """;

    public static BenchmarkOptions parse(String... args) {
        int phaseSeconds = 30;
        List<Integer> rates = List.of(500, 1000, 2000);
        int saturationMessages = 50_000;
        int warmupSeconds = 10;
        int drainSeconds = 30;
        boolean skipRaw = false;
        int kafkaPort = 19092;
        int registryPort = 18081;
        int hubPort = 18080;
        Path hubJar = Path.of("routes/target/iwa-hub.jar");
        Path outDir = Path.of("ops/target/benchmark");
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> {
                    help = true;
                    continue;
                }
                case "--skip-raw" -> {
                    skipRaw = true;
                    continue;
                }
                default -> {
                    // an option with a value
                }
            }
            if (!option.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + option + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--phase-seconds" -> phaseSeconds = number(option, value, 1, 3600);
                case "--rates" -> rates = rates(value);
                case "--saturation-messages" -> saturationMessages = number(option, value.replace(",", "").replace("_", ""), 0, MAX_SATURATION_MESSAGES);
                case "--warmup-seconds" -> warmupSeconds = number(option, value, 0, 600);
                case "--drain-seconds" -> drainSeconds = number(option, value, 1, 3600);
                case "--kafka-port" -> kafkaPort = number(option, value, 1, 65534);
                case "--registry-port" -> registryPort = number(option, value, 1, 65535);
                case "--hub-port" -> hubPort = number(option, value, 1, 65535);
                case "--hub-jar" -> hubJar = Path.of(value);
                case "--out" -> outDir = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        int[] ports = {kafkaPort, kafkaPort + 1, kafkaPort + 2, registryPort, hubPort};
        for (int a = 0; a < ports.length; a++) {
            for (int b = a + 1; b < ports.length; b++) {
                if (ports[a] == ports[b]) {
                    throw new IllegalArgumentException("port " + ports[a] + " is given twice (the broker's controller uses --kafka-port + 1)");
                }
            }
        }
        return new BenchmarkOptions(phaseSeconds, rates, saturationMessages, warmupSeconds, drainSeconds, skipRaw, kafkaPort,
                registryPort, hubPort, hubJar.toAbsolutePath().normalize(), outDir.toAbsolutePath().normalize(), help);
    }

    public int controllerPort() {
        return kafkaPort + 1;
    }

    /** The secured broker's SCRAM listener. */
    public int scramPort() {
        return kafkaPort + 2;
    }

    /** Broker data and the child processes' logs. */
    public Path runDir() {
        return outDir.resolve("run");
    }

    static List<Integer> rates(String value) {
        List<Integer> rates = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                rates.add(number("--rates", part.trim(), 1, 1_000_000));
            }
        }
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("--rates needs at least one rate, e.g. 500,1000,2000");
        }
        return List.copyOf(rates);
    }

    private static int number(String option, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", not " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, not '" + value + "'");
        }
    }
}
