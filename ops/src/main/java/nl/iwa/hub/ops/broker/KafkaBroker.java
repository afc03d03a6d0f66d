package nl.iwa.hub.ops.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.iwa.hub.ops.ChildProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker (KRaft, combined broker and controller) as a child JVM, with a fresh data directory per
 * start: the local stack is for demonstrations, not for keeping data.
 */
public final class KafkaBroker implements AutoCloseable {

    private final ChildProcess process;
    private final int port;

    private KafkaBroker(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static KafkaBroker start(int port, int controllerPort, Path runDir, String classpath) {
        Path dir = runDir.resolve("kafka");
        Path data = dir.resolve("data");
        try {
            deleteRecursively(data);
            Files.createDirectories(data);
            Files.writeString(dir.resolve("server.properties"), String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@localhost:" + controllerPort,
                    "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://localhost:" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "inter.broker.listener.name=PLAINTEXT",
                    "log.dirs=" + data.toAbsolutePath(),
                    "num.partitions=3",
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=false",
                    ""));
            Files.writeString(dir.resolve("log4j.properties"), String.join("\n",
                    "log4j.rootLogger=WARN, stdout",
                    "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
                    "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
                    "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
                    ""));
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the broker's run directory " + dir + ": " + e.getMessage(), e);
        }
        String log4j = "-Dlog4j.configuration=file:" + dir.resolve("log4j.properties").toAbsolutePath();
        try (ChildProcess format = ChildProcess.start("kafka-storage-format", List.of(ChildProcess.javaExecutable(), log4j,
                "-cp", classpath, "kafka.tools.StorageTool", "format", "--ignore-formatted",
                "-t", Uuid.randomUuid().toString(), "-c", dir.resolve("server.properties").toString()), dir, runDir.resolve("logs/kafka-format.log"))) {
            if (!format.waitFor(Duration.ofSeconds(60)) || format.exitCode() != 0) {
                throw new IllegalStateException("formatting the broker's storage failed; see " + format.logFile());
            }
        }
        ChildProcess broker = ChildProcess.start("kafka-broker", List.of(ChildProcess.javaExecutable(), "-Xmx512m", log4j,
                "-cp", classpath, "kafka.Kafka", dir.resolve("server.properties").toString()), dir, runDir.resolve("logs/kafka.log"));
        KafkaBroker b = new KafkaBroker(broker, port);
        broker.awaitReady(b::isReady, Duration.ofSeconds(90));
        return b;
    }

    public boolean isReady() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(p)) {
            return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
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
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
