package nl.iwa.hub.ops.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.IntStream;
import nl.iwa.hub.ops.options.CommandLineOptions;
import nl.iwa.hub.ops.options.Hubs;
import picocli.CommandLine.Option;

/** The local stack's command line, parsed and checked before anything starts. */
public record StackOptions(int kafkaPort, int registryPort, int hubPort, int issuerPort, Path hubJar, double rate, double clockSpeed,
                           Optional<Duration> duration, Path runDir, int hubs,
                           boolean help) {

    public static final String USAGE = """
            usage: ops/run-local.sh [--no-build] [options]
              --kafka-port N      broker port (default 9092; its KRaft controller listens on N+1)
              --registry-port N   Apicurio registry port (default 8081)
              --hub-port N        hub HTTP port: health, metrics, ops, privacy and REST connector APIs (default 8080);
                                  with --hubs N the others take the next ports no other option took (8082, 8083)
              --issuer-port N     the stack's local-only OAuth2 token issuer for REST partners (default 8090)
              --hub-jar PATH      the hub (default routes/target/iwa-hub.jar)
              --rate N            demo outbox messages per second, about (default 5)
              --clock-speed N     the hub's clock runs N times faster, so that handoff deadlines and escalations
                                  show within minutes (default 1440: a day a minute; 1 = real time)
              --duration N        stop after N seconds (default: run until Ctrl-C)
              --run-dir PATH      logs, broker data (wiped at every start), this run's API users, REST client
                                  secrets and CSV drop folder (default ops/run)
              --hubs N            hubs side by side in one consumer group, sharing the decide topology's
                                  partitions, 1 to 3 (default 1), each with its own transactional id, port, state and log
              --no-build          (run-local.sh) skip the Maven build
            """;

    public static StackOptions parse(String... args) {
        Given given = CommandLineOptions.parse(new Given(), args);
        StackOptions options = new StackOptions(given.kafkaPort, given.registryPort, given.hubPort, given.issuerPort,
                given.hubJar.toAbsolutePath().normalize(), given.rate, given.clockSpeed,
                given.duration == null ? Optional.empty() : Optional.of(Duration.ofSeconds(given.duration.longValue())),
                given.runDir.toAbsolutePath().normalize(), Hubs.checked(given.hubs), given.help);
        CommandLineOptions.requireDistinct(IntStream.concat(IntStream.of(options.kafkaPort, options.controllerPort(), options.scramPort(),
                options.registryPort, options.issuerPort), Arrays.stream(options.hubPorts())).toArray(),
                "the broker's controller uses --kafka-port + 1, its SCRAM listener + 2");
        return options;
    }

    /** The options as given, with their defaults (those of {@link #USAGE}). */
    private static final class Given {
        @Option(names = "--kafka-port", converter = CommandLineOptions.Port.class)
        int kafkaPort = 9092;
        @Option(names = "--registry-port", converter = CommandLineOptions.Port.class)
        int registryPort = 8081;
        @Option(names = "--hub-port", converter = CommandLineOptions.Port.class)
        int hubPort = 8080;
        @Option(names = "--issuer-port", converter = CommandLineOptions.Port.class)
        int issuerPort = 8090;
        @Option(names = "--hub-jar")
        Path hubJar = Path.of("routes/target/iwa-hub.jar");
        @Option(names = "--rate", converter = CommandLineOptions.PositiveNumber.class)
        double rate = 5;
        @Option(names = "--clock-speed", converter = CommandLineOptions.PositiveNumber.class)
        double clockSpeed = 1440;
        /** Seconds; none: until Ctrl-C. */
        @Option(names = "--duration", converter = CommandLineOptions.PositiveNumber.class)
        Double duration;
        @Option(names = "--run-dir")
        Path runDir = Path.of("ops/run");
        @Option(names = "--hubs", converter = CommandLineOptions.WholeNumber.class)
        int hubs = 1;
        @Option(names = {"--help", "-h"})
        boolean help;
    }

    public int controllerPort() {
        return kafkaPort + 1;
    }

    /** The broker's SCRAM (SASL_SSL) listener, beside the mutual-TLS one on {@code kafkaPort}. */
    public int scramPort() {
        return kafkaPort + 2;
    }

    /**
     * The HTTP port of each hub: {@code hubPort} for the first, for the others each next port no other option took
     * (8080, 8082, 8083 by default: the registry has 8081).
     */
    public int[] hubPorts() {
        return CommandLineOptions.portsFrom(hubPort, hubs, kafkaPort, controllerPort(), scramPort(), registryPort, issuerPort);
    }

    public String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }
}
