package nl.iwa.hub.ops.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import nl.iwa.hub.ops.ChildProcess;

/**
 * A real Apicurio Registry (in-memory storage) running as a child JVM on a free port. The distribution is
 * unpacked by the ops module's build into {@code ops/target/apicurio-registry}; another location can be given
 * with the system property or environment variable {@code IWA_REGISTRY_HOME}.
 */
public final class ApicurioRegistry implements AutoCloseable {

    public static final String HOME_PROPERTY = "iwa.registry.home";

    private final ChildProcess process;
    private final int port;

    private ApicurioRegistry(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ApicurioRegistry start(Path logDir) {
        return start(ChildProcess.freePort(), logDir);
    }

    public static ApicurioRegistry start(int port, Path logDir) {
        return start(port, logDir, null);
    }

    /**
     * With {@code dataDir}, schemas are kept in an H2 file there and survive a restart, as in a real
     * deployment; without it, storage is in memory and gone when the registry stops.
     */
    public static ApicurioRegistry start(int port, Path logDir, Path dataDir) {
        Path home = home();
        Path runner;
        try (Stream<Path> files = Files.list(home)) {
            runner = files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *-runner.jar in " + home));
        } catch (IOException e) {
            throw new IllegalStateException("Apicurio registry not found in " + home
                    + " (build the ops module first: mvn -pl ops -am install -DskipTests)", e);
        }
        List<String> command = new java.util.ArrayList<>(List.of(
                ChildProcess.javaExecutable(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.log.level=WARN",
                "-Dquarkus.analytics.disabled=true"));
        if (dataDir != null) {
            command.addAll(List.of("-Dapicurio.storage.kind=sql", "-Dapicurio.storage.sql.kind=h2",
                    "-Dapicurio.datasource.url=jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("registry"),
                    "-Dapicurio.datasource.username=sa", "-Dapicurio.datasource.password=sa"));
        }
        command.addAll(List.of("-jar", runner.toString()));
        ChildProcess child = ChildProcess.start("apicurio-registry", command, home, logDir.resolve("apicurio-registry.log"));
        ApicurioRegistry registry = new ApicurioRegistry(child, port);
        child.awaitReady(registry::isReady, Duration.ofSeconds(90));
        return registry;
    }

    static Path home() {
        String configured = System.getProperty(HOME_PROPERTY, System.getenv("IWA_REGISTRY_HOME"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path candidate : List.of(Path.of("ops/target/apicurio-registry"), Path.of("../ops/target/apicurio-registry"),
                Path.of("target/apicurio-registry"))) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("Apicurio registry distribution not found; build the ops module "
                + "(mvn -pl ops -am install -DskipTests) or set " + HOME_PROPERTY);
    }

    public boolean isReady() {
        return ChildProcess.answersOk(baseUrl() + "/health/ready");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The native v3 API the Apicurio serde talks to. */
    public String apiUrl() {
        return baseUrl() + "/apis/registry/v3";
    }

    /** The Confluent-compatible API, for third-party Confluent clients. */
    public String confluentCompatUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    public int port() {
        return port;
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
