package nl.iwa.hub.ops.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.iwa.hub.ops.ChildProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real Kafka broker (KRaft, combined broker and controller) as a child JVM. Its directory
 * ({@code <runDir>/kafka}) is wiped at every start: the local stack is for demonstrations, not for keeping data,
 * and a fresh start never trips over the state of a run that was killed.
 */
public final class KafkaBroker implements AutoCloseable {

    private final ChildProcess process;
    private final KraftNodeConfig config;

    private KafkaBroker(ChildProcess process, KraftNodeConfig config) {
        this.process = process;
        this.config = config;
    }

    /** Starts a broker with the Kafka classes found by {@link #brokerClasspath()}; returns once it serves requests. */
    public static KafkaBroker start(int port, int controllerPort, Path runDir) {
        return start(port, controllerPort, runDir, brokerClasspath());
    }

    public static KafkaBroker start(int port, int controllerPort, Path runDir, String classpath) {
        Path dir = runDir.resolve("kafka").toAbsolutePath();
        Path logs = runDir.resolve("logs").toAbsolutePath();
        KraftNodeConfig config = new KraftNodeConfig(port, controllerPort, dir.resolve("data"));
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
        String log4jOption = "-Dlog4j.configuration=file:" + log4j;

        // KRaft storage must be formatted (cluster id, bootstrap metadata) before the first start
        try (ChildProcess format = ChildProcess.start("kafka-storage-format", List.of(ChildProcess.javaExecutable(),
                        "-Xmx128m", "-XX:TieredStopAtLevel=1", log4jOption, "-cp", classpath, "kafka.tools.StorageTool", "format",
                        "--ignore-formatted", "-t", KraftNodeConfig.CLUSTER_ID, "-c", serverProperties.toString()),
                dir, logs.resolve("kafka-format.log"))) {
            if (!format.waitFor(Duration.ofSeconds(60)) || format.exitCode() != 0) {
                throw new IllegalStateException("formatting the broker's storage failed; see " + format.logFile());
            }
        }
        ChildProcess broker = ChildProcess.start("kafka-broker", List.of(ChildProcess.javaExecutable(),
                        "-Xmx512m", "-XX:+UseSerialGC", log4jOption, "-cp", classpath, "kafka.Kafka", serverProperties.toString()),
                dir, logs.resolve("kafka.log"));
        KafkaBroker b = new KafkaBroker(broker, config);
        broker.awaitReady(b::isReady, Duration.ofSeconds(90));
        return b;
    }

    /**
     * The classes the broker JVM needs: this JVM's own class path when it holds the broker already (the
     * local stack's launcher puts it there), else the ops module's build output and its recorded runtime
     * class path ({@code ops/target/classpath.txt}, written by the build).
     */
    public static String brokerClasspath() {
        String own = System.getProperty("java.class.path", "");
        if (own.contains("kafka_2.13")) {
            return own;
        }
        for (Path target : List.of(Path.of("ops/target"), Path.of("../ops/target"), Path.of("target"))) {
            Path recorded = target.resolve("classpath.txt");
            if (Files.isRegularFile(recorded)) {
                try {
                    return target.resolve("classes").toAbsolutePath() + java.io.File.pathSeparator + Files.readString(recorded).trim();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + recorded + ": " + e.getMessage(), e);
                }
            }
        }
        throw new IllegalStateException("the broker's class path is unknown: no ops/target/classpath.txt; "
                + "build the ops module first (mvn -B install -DskipTests)");
    }

    /** Ready when the broker answers a metadata request as a cluster member, not merely when its port is open. */
    public boolean isReady() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(p)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    public String bootstrapServers() {
        return config.bootstrapServers();
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
