package nl.iwa.hub.testkit.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.iwa.hub.testkit.ChildProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real Kafka broker (KRaft, combined broker and controller) as a child JVM. Its directory
 * ({@code <runDir>/kafka}) is wiped at every start: the local stack is for demonstrations, not for keeping data,
 * and a fresh start never trips over the state of a run that was killed.
 */
public final class KafkaBroker implements AutoCloseable {

    private final KraftNodeConfig config;
    private final Path dir;
    private final Path logs;
    private final String classpath;
    private final Map<String, String> adminClientProperties;
    private ChildProcess process;

    private KafkaBroker(KraftNodeConfig config, Path dir, Path logs, String classpath, Map<String, String> adminClientProperties) {
        this.config = config;
        this.dir = dir;
        this.logs = logs;
        this.classpath = classpath;
        this.adminClientProperties = Map.copyOf(adminClientProperties);
    }

    /** Starts a broker with the Kafka classes found by {@link #brokerClasspath()}; returns once it serves requests. */
    public static KafkaBroker start(int port, int controllerPort, Path runDir) {
        return start(port, controllerPort, runDir, brokerClasspath());
    }

    /** A broker on empty storage under {@code runDir}; returns once it serves requests. */
    public static KafkaBroker start(int port, int controllerPort, Path runDir, String classpath) {
        return start(port, controllerPort, runDir, classpath, null, Map.of(), Map.of());
    }

    /**
     * A secured broker (mutual TLS and SCRAM listeners, ACLs) when {@code security} is given; then
     * {@code adminClientProperties} are a super user's client settings, used to see that the broker is up.
     */
    public static KafkaBroker start(int port, int controllerPort, Path runDir, String classpath, BrokerSecurity security,
                                    Map<String, String> adminClientProperties, Map<String, String> overrides) {
        Path dir = runDir.resolve("kafka").toAbsolutePath();
        Path logs = runDir.resolve("logs").toAbsolutePath();
        KraftNodeConfig config = new KraftNodeConfig(port, controllerPort, dir.resolve("data"), security, overrides);
        Path serverProperties = dir.resolve("server.properties");
        Path log4j = dir.resolve("log4j.properties");
        try {
            deleteRecursively(dir);
            Files.createDirectories(config.dataDir());
            Files.writeString(serverProperties, config.serverProperties());
            Files.writeString(log4j, KraftNodeConfig.log4jProperties());
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the broker's directory " + dir + ": " + e.getMessage(), e);
        }

        // KRaft storage must be formatted (cluster id, bootstrap metadata) before the first start
        try (ChildProcess format = ChildProcess.start("kafka-storage-format", List.of(ChildProcess.javaExecutable(),
                        "-Xmx128m", "-XX:TieredStopAtLevel=1", log4jOption(dir), "-cp", classpath, "kafka.tools.StorageTool", "format",
                        "--ignore-formatted", "-t", KraftNodeConfig.CLUSTER_ID, "-c", serverProperties.toString()),
                dir, logs.resolve("kafka-format.log"))) {
            if (!format.waitFor(Duration.ofSeconds(60)) || format.exitCode() != 0) {
                throw new IllegalStateException("formatting the broker's storage failed; see " + format.logFile());
            }
        }
        KafkaBroker b = new KafkaBroker(config, dir, logs, classpath, adminClientProperties);
        b.run();
        return b;
    }

    /** Kills the broker, as in a crash; {@link #restart()} brings it back on the same storage. */
    public void crash() {
        process.kill();
    }

    /** Starts the broker again on its storage after {@link #crash()}; returns once it serves requests. */
    public void restart() {
        run();
    }

    private void run() {
        process = ChildProcess.start("kafka-broker", List.of(ChildProcess.javaExecutable(),
                        "-Xmx512m", "-XX:+UseSerialGC", log4jOption(dir), "-cp", classpath, "kafka.Kafka",
                        dir.resolve("server.properties").toString()),
                dir, logs.resolve("kafka.log"));
        process.awaitReady(this::isReady, Duration.ofSeconds(90));
    }

    private static String log4jOption(Path dir) {
        return "-Dlog4j.configuration=file:" + dir.resolve("log4j.properties");
    }

    /**
     * The classes the broker JVM needs: this JVM's own class path when it holds the broker already (the
     * local stack's launcher puts it there), else the runtime class path the testkit module's build records
     * ({@code testkit/target/classpath.txt}, with the broker as its optional dependency), so that the modules
     * whose tests start a broker need not have the Scala broker on their own class path.
     */
    public static String brokerClasspath() {
        String own = System.getProperty("java.class.path", "");
        if (own.contains("kafka_2.13")) {
            return own;
        }
        for (Path target : List.of(Path.of("testkit/target"), Path.of("../testkit/target"), Path.of("target"))) {
            Path recorded = target.resolve("classpath.txt");
            if (Files.isRegularFile(recorded)) {
                try {
                    String classpath = Files.readString(recorded).trim();
                    if (classpath.contains("kafka_2.13")) {
                        return classpath;
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + recorded + ": " + e.getMessage(), e);
                }
            }
        }
        throw new IllegalStateException("the broker's class path is unknown: no testkit/target/classpath.txt "
                + "naming kafka_2.13; build the testkit module first (mvn -B -pl testkit generate-resources)");
    }

    /** Ready when the broker answers a metadata request as a cluster member, not merely when its port is open. */
    public boolean isReady() {
        Properties p = new Properties();
        p.putAll(adminClientProperties);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(p)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /** The mutual-TLS listener of a secured broker, the plaintext one of an open broker. */
    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    /** The SCRAM listener of a secured broker. */
    public String scramBootstrapServers() {
        if (config.security() == null) {
            throw new IllegalStateException("an open broker has no SCRAM listener");
        }
        return "localhost:" + config.security().scramPort();
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
