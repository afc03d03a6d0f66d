package nl.iwa.hub.ops.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The local stack's command line, parsed and checked before anything starts. */
public record StackOptions(int kafkaPort, int registryPort, int hubPort, int issuerPort, Path hubJar, double rate, double clockSpeed,
                           Optional<Duration> duration, Path runDir, boolean help) {

    public static final String USAGE = """
            usage: ops/run-local.sh [--no-build] [options]
              --kafka-port N      broker port (default 9092; its KRaft controller listens on N+1)
              --registry-port N   Apicurio registry port (default 8081)
              --hub-port N        hub HTTP port: health, metrics, ops, privacy and REST connector APIs (default 8080)
              --issuer-port N     the stack's local-only OAuth2 token issuer for REST partners (default 8090)
              --hub-jar PATH      the hub (default routes/target/iwa-hub.jar)
              --rate N            demo outbox messages per second, about (default 5)
              --clock-speed N     the hub's clock runs N times faster, so that handoff deadlines and escalations
                                  show within minutes (default 1440: a day a minute; 1 = real time)
              --duration N        stop after N seconds (default: run until Ctrl-C)
              --run-dir PATH      logs, broker data (wiped at every start), this run's API users, REST client
                                  secrets and CSV drop folder (default ops/run)
              --no-build          (run-local.sh) skip the Maven build
            """;

    public static StackOptions parse(String... args) {
        int kafkaPort = 9092;
        int registryPort = 8081;
        int hubPort = 8080;
        int issuerPort = 8090;
        Path hubJar = Path.of("routes/target/iwa-hub.jar");
        double rate = 5;
        double clockSpeed = 1440;
        Optional<Duration> duration = Optional.empty();
        Path runDir = Path.of("ops/run");
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                help = true;
                continue;
            }
            if (!option.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + option + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--kafka-port" -> kafkaPort = port(option, value);
                case "--registry-port" -> registryPort = port(option, value);
                case "--hub-port" -> hubPort = port(option, value);
                case "--issuer-port" -> issuerPort = port(option, value);
                case "--hub-jar" -> hubJar = Path.of(value);
                case "--rate" -> rate = positive(option, value);
                case "--clock-speed" -> clockSpeed = positive(option, value);
                case "--duration" -> duration = Optional.of(Duration.ofSeconds((long) positive(option, value)));
                case "--run-dir" -> runDir = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        StackOptions options = new StackOptions(kafkaPort, registryPort, hubPort, issuerPort, hubJar.toAbsolutePath().normalize(), rate, clockSpeed,
                duration, runDir.toAbsolutePath().normalize(), help);
        options.requireDistinctPorts();
        return options;
    }

    public int controllerPort() {
        return kafkaPort + 1;
    }

    /** The broker's SCRAM (SASL_SSL) listener, beside the mutual-TLS one on {@code kafkaPort}. */
    public int scramPort() {
        return kafkaPort + 2;
    }

    public String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    private void requireDistinctPorts() {
        int[] ports = {kafkaPort, controllerPort(), scramPort(), registryPort, hubPort, issuerPort};
        for (int i = 0; i < ports.length; i++) {
            for (int j = i + 1; j < ports.length; j++) {
                if (ports[i] == ports[j]) {
                    throw new IllegalArgumentException("port " + ports[i] + " is given twice (the broker's controller uses --kafka-port + 1, its SCRAM listener + 2)");
                }
            }
        }
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65534) {
                throw new IllegalArgumentException(option + " must be a port number, not " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a port number, not '" + value + "'");
        }
    }

    private static double positive(String option, String value) {
        try {
            double d = Double.parseDouble(value);
            if (!(d > 0)) {
                throw new IllegalArgumentException(option + " must be above 0, not " + value);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, not '" + value + "'");
        }
    }
}
