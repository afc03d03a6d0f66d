package nl.iwa.hub.ops.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.iwa.hub.testkit.ChildProcess;
import nl.iwa.hub.testkit.pki.AuditKeyFile;
import nl.iwa.hub.testkit.pki.PkiFiles;
import nl.iwa.hub.testkit.registry.RegistryWriter;

/**
 * The hub (the Spring Boot jar) as a child JVM, configured through its environment. Secrets are made fresh
 * for every run and passed in the environment, never on the command line (ps shows that) nor on the console.
 */
public final class HubProcess implements AutoCloseable {

    private final ChildProcess process;
    private final int port;
    private final Path usersFile;
    private final String steeringPassword;

    private HubProcess(ChildProcess process, int port, Path usersFile, String steeringPassword) {
        this.steeringPassword = steeringPassword;
        this.process = process;
        this.port = port;
        this.usersFile = usersFile;
    }

    /** Starts the hub; returns once its readiness probe (Kafka and registry reachable, routes up) says so. */
    public static HubProcess start(Path hubJar, int port, String bootstrapServers, Path kafkaClientConfig, String registryApiUrl,
                                   RegistryWriter registryWriter, Path configDir, double clockSpeed, Path runDir) {
        return start(hubJar, port, bootstrapServers, kafkaClientConfig, registryApiUrl, registryWriter, configDir, clockSpeed, runDir, Map.of());
    }

    /** @param extraEnv further settings of the hub, e.g. the identity provider it trusts ({@code IWA_SECURITY_OIDC_*}) */
    public static HubProcess start(Path hubJar, int port, String bootstrapServers, Path kafkaClientConfig, String registryApiUrl,
                                   RegistryWriter registryWriter, Path configDir, double clockSpeed, Path runDir,
                                   Map<String, String> extraEnv) {
        SecureRandom random = new SecureRandom();
        String officerPassword = secret(random, 18);
        String opsPassword = secret(random, 18);
        String steeringPassword = secret(random, 18);
        Path usersFile = runDir.resolve("api-users.txt");
        PkiFiles.writeSecret(usersFile, String.join("\n",
                "# API and console users of this run of the local stack (random per run; they die with it)",
                "privacy-officer " + officerPassword,
                "ops " + opsPassword,
                "steering-group " + steeringPassword,
                "# e.g. curl -u ops:" + opsPassword + " 'http://localhost:" + port + "/api/ops/handoffs?overdue=true'",
                "# or in a browser: http://localhost:" + port + "/console (the same users and passwords)",
                "# the impact figures (k-anonymous): curl -u steering-group:" + steeringPassword + " 'http://localhost:" + port + "/api/impact'",
                ""));

        Map<String, String> env = new HashMap<>();
        // the key of the BSN pseudonyms in the audit trail: random per run, so no two runs' pseudonyms link up
        env.put("IWA_PSEUDONYM_KEY", "base64:" + Base64.getEncoder().encodeToString(randomBytes(random, 48)));
        // the key that seals the audit trail: a file of the run, never the environment
        env.put("IWA_AUDIT_SIGNING_KEY_FILE", AuditKeyFile.ensure(runDir.resolve("audit-signing-key.pem")).toAbsolutePath().toString());
        env.put("IWA_CONFIG_DIR", configDir.toAbsolutePath().toString());
        env.put("IWA_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        // the hub's certificate: it connects as itself, with the rights the ACLs give it
        env.put("IWA_KAFKA_CLIENT_CONFIG", kafkaClientConfig.toAbsolutePath().toString());
        env.put("IWA_REGISTRY_URL", registryApiUrl);
        env.put("IWA_REGISTRY_USERNAME", registryWriter.username());
        env.put("IWA_REGISTRY_PASSWORD", registryWriter.password());
        env.put("IWA_PRIVACY_OFFICER_PASSWORD", officerPassword);
        env.put("IWA_OPS_PASSWORD", opsPassword);
        env.put("IWA_STEERING_GROUP_PASSWORD", steeringPassword);
        // the impact topology's RocksDB state belongs to this run's broker, which starts empty every run: state
        // left in the default place (java.io.tmpdir) by an earlier run would describe topics that no longer exist
        env.put("IWA_IMPACT_STATE_DIR", freshDirectory(runDir.resolve("hub-state")).toAbsolutePath().toString());
        env.put("SERVER_PORT", Integer.toString(port));
        env.putAll(extraEnv);
        List<String> command = List.of(ChildProcess.javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC",
                "-Diwa.clock.speed=" + clockSpeed,
                // with a fast clock, check deadlines every second, or escalations arrive in bursts
                "-Diwa.handoffs.check-period-ms=" + (clockSpeed > 1 ? 1000 : 5000),
                "-jar", hubJar.toString());
        ChildProcess child = ChildProcess.start("iwa-hub", command, env, runDir, runDir.resolve("logs/hub.log"));
        HubProcess hub = new HubProcess(child, port, usersFile, steeringPassword);
        // a minute on an idle machine; on a shared two-core machine under a build it took three
        child.awaitReady(hub::isReady, Duration.ofSeconds(300));
        return hub;
    }

    private static Path freshDirectory(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the hub's state directory " + dir, e);
        }
    }

    /**
     * Whether GET /api/impact answers the steering group (200): it does from the start, with every cell under k
     * hidden, so with a young demo's traffic mostly hidden cells.
     */
    public boolean impactAnswers() {
        try {
            java.net.http.HttpResponse<Void> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/impact"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                    ("steering-group:" + steeringPassword).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                            .GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isReady() {
        return ChildProcess.answersOk(baseUrl() + "/actuator/health/readiness");
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public Path usersFile() {
        return usersFile;
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }

    /** A random secret of {@code bytes} bytes, base64url without padding. */
    static String secret(SecureRandom random, int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(random, bytes));
    }

    private static byte[] randomBytes(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return b;
    }
}
