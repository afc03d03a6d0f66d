package nl.iwa.hub.ops.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** The consumer group of every hub of a run (the hub's default, IWA_KAFKA_GROUP_ID). */
    public static final String GROUP_ID = "iwa-hub";

    private final ChildProcess process;
    private final int number;
    private final int port;
    private final Path usersFile;
    private final String steeringPassword;

    private HubProcess(ChildProcess process, int number, int port, Path usersFile, String steeringPassword) {
        this.steeringPassword = steeringPassword;
        this.process = process;
        this.number = number;
        this.port = port;
        this.usersFile = usersFile;
    }

    /**
     * What every hub of a run is started with.
     *
     * @param env further settings of every hub, e.g. the identity provider it
     *            trusts ({@code IWA_SECURITY_OIDC_*})
     */
    public record Settings(Path hubJar, String bootstrapServers, Path kafkaClientConfig, String registryApiUrl,
                           RegistryWriter registryWriter, Path configDir, double clockSpeed, Path runDir, Map<String, String> env) {
    }

    /**
     * Prepares the hubs of a run, one per port in {@code ports}: all in one consumer group ({@link #GROUP_ID}), with the
     * same pseudonym key (a resident's pseudonym must not depend on the hub that decided), the same audit signing key
     * and the same API users, written once to {@code <run dir>/api-users.txt}; each with its own transactional id
     * ({@code iwa-hub-<n>}), HTTP port, Kafka Streams state directory and log. Several hubs side by side need the
     * decide topology ({@code IWA_ENGINE=streams}); that is the caller's to set in {@link Settings#env()}. Nothing
     * starts until {@link Group#start}.
     */
    public static Group group(Settings settings, int... ports) {
        if (ports.length < 1) {
            throw new IllegalArgumentException("no port for a hub");
        }
        return new Group(settings, ports.clone());
    }

    /** The hubs of one run: see {@link #group}. */
    public static final class Group {

        private final Settings settings;
        private final int[] ports;
        private final String pseudonymKey;
        private final String officerPassword;
        private final String opsPassword;
        private final String steeringPassword;
        private final Path usersFile;
        private final Path auditSigningKey;
        private final Path stateDir;
        private final Path hubJar;
        /** From when every hub's demo clock runs faster: one time for all hubs of the run. */
        private final java.time.Instant clockEpoch = java.time.Instant.now();

        private Group(Settings settings, int[] ports) {
            this.settings = settings;
            this.ports = ports;
            SecureRandom random = new SecureRandom();
            // the key of the BSN pseudonyms in the audit trail: random per run, so no two runs' pseudonyms link up
            this.pseudonymKey = "base64:" + Base64.getEncoder().encodeToString(randomBytes(random, 48));
            this.officerPassword = secret(random, 18);
            this.opsPassword = secret(random, 18);
            this.steeringPassword = secret(random, 18);
            Path runDir = settings.runDir();
            String url = "http://localhost:" + ports[0];
            List<String> lines = new ArrayList<>(List.of(
                    "# API and console users of this run of the local stack (random per run; they die with it)",
                    "privacy-officer " + officerPassword,
                    "ops " + opsPassword,
                    "steering-group " + steeringPassword,
                    "# e.g. curl -u ops:" + opsPassword + " '" + url + "/api/ops/handoffs?overdue=true'",
                    "# or in a browser: " + url + "/console (the same users and passwords)",
                    "# the impact figures (k-anonymous): curl -u steering-group:" + steeringPassword + " '" + url + "/api/impact'"));
            if (ports.length > 1) {
                lines.add("# every hub of this run takes the same users: " + String.join(", ",
                        Arrays.stream(ports).mapToObj(p -> "http://localhost:" + p).toList()));
            }
            lines.add("");
            this.usersFile = PkiFiles.writeSecret(runDir.resolve("api-users.txt"), String.join("\n", lines));
            // the key that seals the audit trail: a file of the run, never the environment; one for all hubs
            this.auditSigningKey = AuditKeyFile.ensure(runDir.resolve("audit-signing-key.pem")).toAbsolutePath();
            // the topologies' RocksDB state belongs to this run's broker, which starts empty every run: state left in
            // the default place (java.io.tmpdir) by an earlier run would describe topics that no longer exist
            this.stateDir = freshDirectory(runDir.resolve("hub-state"));
            this.hubJar = copyOf(settings.hubJar(), runDir.resolve("hub.jar"));
        }

        public int count() {
            return ports.length;
        }

        /** The HTTP port of hub {@code number} (1 to {@link #count()}). */
        public int port(int number) {
            return ports[number - 1];
        }

        /** Starts hub {@code number} (1 to {@link #count()}); returns once its readiness probe says so. */
        public HubProcess start(int number) {
            return start(number, Map.of());
        }

        /**
         * Starts hub {@code number} (1 to {@link #count()}) with {@code moreEnv} besides the group's settings; returns once
         * its readiness probe (Kafka and registry reachable, its topologies running) says so.
         */
        public HubProcess start(int number, Map<String, String> moreEnv) {
            if (number < 1 || number > ports.length) {
                throw new IllegalArgumentException("no hub " + number + " of " + ports.length);
            }
            int port = port(number);
            boolean alone = ports.length == 1;
            Map<String, String> env = new HashMap<>();
            env.put("IWA_PSEUDONYM_KEY", pseudonymKey);
            env.put("IWA_AUDIT_SIGNING_KEY_FILE", auditSigningKey.toString());
            env.put("IWA_CONFIG_DIR", settings.configDir().toAbsolutePath().toString());
            env.put("IWA_KAFKA_BOOTSTRAP_SERVERS", settings.bootstrapServers());
            // the hub's certificate: it connects as itself, with the rights the ACLs give it (every iwa-hub-* id)
            env.put("IWA_KAFKA_CLIENT_CONFIG", settings.kafkaClientConfig().toAbsolutePath().toString());
            env.put("IWA_KAFKA_GROUP_ID", GROUP_ID);
            env.put("IWA_KAFKA_TRANSACTIONAL_ID", transactionalId(number));
            env.put("IWA_REGISTRY_URL", settings.registryApiUrl());
            env.put("IWA_REGISTRY_USERNAME", settings.registryWriter().username());
            env.put("IWA_REGISTRY_PASSWORD", settings.registryWriter().password());
            env.put("IWA_PRIVACY_OFFICER_PASSWORD", officerPassword);
            env.put("IWA_OPS_PASSWORD", opsPassword);
            env.put("IWA_STEERING_GROUP_PASSWORD", steeringPassword);
            // each hub's own state directory (the impact topology's, the intake's and the decide topology's stores)
            env.put("IWA_IMPACT_STATE_DIR", (alone ? stateDir : createDirectory(stateDir.resolve("hub-" + number)))
                    .toAbsolutePath().toString());
            env.put("SERVER_PORT", Integer.toString(port));
            env.putAll(settings.env());
            env.putAll(moreEnv);
            // the decide topology keeps its state in RocksDB, off the heap (live heap about 80 MB at 130,000 deliveries):
            // a smaller heap leaves the memory to RocksDB, whose allocations glibc would otherwise spread over an arena
            // per thread that never shrinks (the usual advice for RocksDB in a JVM: MALLOC_ARENA_MAX=2)
            boolean stateOffHeap = "streams".equals(env.get("IWA_ENGINE"));
            if (stateOffHeap) {
                env.putIfAbsent("MALLOC_ARENA_MAX", "2");
            }
            double clockSpeed = settings.clockSpeed();
            List<String> command = List.of(ChildProcess.javaExecutable(), stateOffHeap ? "-Xmx256m" : "-Xmx512m", "-XX:+UseSerialGC",
                    "-Diwa.clock.speed=" + clockSpeed, "-Diwa.clock.epoch=" + clockEpoch,
                    // with a fast clock, check deadlines every second, or escalations arrive in bursts
                    "-Diwa.handoffs.check-period-ms=" + (clockSpeed > 1 ? 1000 : 5000),
                    "-jar", hubJar.toString());
            Path runDir = settings.runDir();
            ChildProcess child = ChildProcess.start(alone ? "iwa-hub" : "iwa-hub-" + number, command, env, runDir,
                    runDir.resolve(alone ? "logs/hub.log" : "logs/hub-" + number + ".log"));
            HubProcess hub = new HubProcess(child, number, port, usersFile, steeringPassword);
            // a minute on an idle machine; on a shared two-core machine under a build it took three
            child.awaitReady(hub::isReady, Duration.ofSeconds(300));
            return hub;
        }
    }

    /** Hub {@code number}'s transactional id: iwa-hub-1 (the hub's default), iwa-hub-2, ...; the ACLs allow iwa-hub*. */
    static String transactionalId(int number) {
        return "iwa-hub-" + number;
    }

    /**
     * The hubs run from a copy of the jar in the run directory: a JVM loads classes from its jar while it runs, so a
     * build that replaces routes/target/iwa-hub.jar meanwhile (a second terminal, someone else in the same tree) would
     * make a running hub fail with NoClassDefFoundError. Hubs started later in the run use the same copy.
     */
    private static Path copyOf(Path jar, Path copy) {
        try {
            Files.createDirectories(copy.getParent());
            Path partial = copy.resolveSibling(copy.getFileName() + ".part");
            Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
            return Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the hub jar " + jar + " to " + copy, e);
        }
    }

    private static Path createDirectory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the hub's state directory " + dir, e);
        }
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

    /** This hub's number in its run: 1, 2, ... */
    public int number() {
        return number;
    }

    public int port() {
        return port;
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
