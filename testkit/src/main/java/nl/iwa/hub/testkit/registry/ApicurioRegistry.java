package nl.iwa.hub.testkit.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import nl.iwa.hub.testkit.ChildProcess;

/**
 * A real Apicurio Registry (in-memory storage) running as a child JVM on a free port. The distribution is
 * unpacked by the testkit module's build into {@code testkit/target/apicurio-registry}; another location can be given
 * with the system property or environment variable {@code IWA_REGISTRY_HOME}.
 *
 * <p>Started {@linkplain #startSecured secured}, it is read-only for everyone but one writer (the hub): anonymous
 * reads (native and Confluent-compatible API), HTTP Basic for the writer (an embedded user with role
 * {@code sr-admin}), role-based authorisation, so an anonymous write or delete gets 401. The password reaches the
 * child only through its environment: the command line, which {@code ps} shows, holds just a reference to it.
 * The open variants ({@link #start}) remain for tests of their own that need no access control.
 */
public final class ApicurioRegistry implements AutoCloseable {

    public static final String HOME_PROPERTY = "iwa.registry.home";

    /** The environment variable of the child that holds the writer's password. */
    static final String WRITER_PASSWORD_ENV = "IWA_REGISTRY_WRITER_PASSWORD";

    private final ChildProcess process;
    private final int port;
    private final RegistryWriter writer;

    private ApicurioRegistry(ChildProcess process, int port, RegistryWriter writer) {
        this.process = process;
        this.port = port;
        this.writer = writer;
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
        return start(port, logDir, dataDir, null);
    }

    /** Secured, on a free port, in memory, with a fresh writer account ({@link #writer()}). */
    public static ApicurioRegistry startSecured(Path logDir) {
        return startSecured(ChildProcess.freePort(), logDir, null, RegistryWriter.generate());
    }

    /** Secured, in memory, with a fresh writer account ({@link #writer()}). */
    public static ApicurioRegistry startSecured(int port, Path logDir) {
        return startSecured(port, logDir, null, RegistryWriter.generate());
    }

    /**
     * Read-only for everyone but {@code writer}. Give the same writer again to restart a persistent registry
     * ({@code dataDir}) under the same account.
     */
    public static ApicurioRegistry startSecured(int port, Path logDir, Path dataDir, RegistryWriter writer) {
        return start(port, logDir, dataDir, java.util.Objects.requireNonNull(writer, "writer"));
    }

    private static ApicurioRegistry start(int port, Path logDir, Path dataDir, RegistryWriter writer) {
        Path home = home();
        Path runner;
        try (Stream<Path> files = Files.list(home)) {
            runner = files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *-runner.jar in " + home));
        } catch (IOException e) {
            throw new IllegalStateException("Apicurio registry not found in " + home
                    + " (build the testkit module first: mvn -B -pl testkit generate-resources)", e);
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
        java.util.Map<String, String> env = new java.util.HashMap<>();
        if (writer != null) {
            if (writer.password().contains("$") || writer.password().contains("\\")) {
                // the registry would read these as the start of an expression or an escape in its configuration
                throw new IllegalArgumentException("the registry writer's password must not contain '$' or '\\'");
            }
            env.putAll(securityEnvironment());
            // The user name is a map key of the configuration: an environment variable cannot spell a '-' in it
            // (QUARKUS_..._USERS_IWA_HUB becomes user "iwa.hub"), so the key goes on the command line and the
            // value there is only a reference, resolved by the registry from its environment.
            env.put(WRITER_PASSWORD_ENV, writer.password());
            command.add("-Dquarkus.security.users.embedded.users." + writer.username() + "=${" + WRITER_PASSWORD_ENV + "}");
            command.add("-Dquarkus.security.users.embedded.roles." + writer.username() + "=sr-admin");
        }
        command.addAll(List.of("-jar", runner.toString()));
        ChildProcess child = ChildProcess.start("apicurio-registry", command, env, home, logDir.resolve("apicurio-registry.log"));
        ApicurioRegistry registry = new ApicurioRegistry(child, port, writer);
        child.awaitReady(registry::isReady, Duration.ofSeconds(90));
        return registry;
    }

    /** Basic authentication against embedded users, anonymous reads, writes for role sr-admin only. */
    static java.util.Map<String, String> securityEnvironment() {
        return java.util.Map.of(
                "QUARKUS_HTTP_AUTH_BASIC", "true",
                "QUARKUS_SECURITY_USERS_EMBEDDED_ENABLED", "true",
                "QUARKUS_SECURITY_USERS_EMBEDDED_PLAIN_TEXT", "true",
                "APICURIO_AUTH_ROLE_BASED_AUTHORIZATION", "true",
                "APICURIO_AUTH_ANONYMOUS_READ_ACCESS_ENABLED", "true");
    }

    static Path home() {
        String configured = System.getProperty(HOME_PROPERTY, System.getenv("IWA_REGISTRY_HOME"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path candidate : List.of(Path.of("testkit/target/apicurio-registry"), Path.of("../testkit/target/apicurio-registry"),
                Path.of("target/apicurio-registry"))) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("Apicurio registry distribution not found; build the testkit module "
                + "(mvn -B -pl testkit generate-resources) or set " + HOME_PROPERTY);
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

    /** Whether writes need the writer's credentials (started with {@link #startSecured}). */
    public boolean isSecured() {
        return writer != null;
    }

    /** The one account that may write; only for a registry started {@linkplain #startSecured secured}. */
    public RegistryWriter writer() {
        if (writer == null) {
            throw new IllegalStateException("this registry was started open: anyone may write, there is no writer account");
        }
        return writer;
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
