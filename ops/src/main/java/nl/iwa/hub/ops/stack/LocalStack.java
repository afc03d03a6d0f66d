package nl.iwa.hub.ops.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nl.iwa.hub.ops.ChildProcess;
import nl.iwa.hub.ops.broker.KafkaBroker;
import nl.iwa.hub.ops.demo.DemoPartners;
import nl.iwa.hub.ops.demo.Summary;
import nl.iwa.hub.ops.registry.ApicurioRegistry;

/**
 * The whole thing on one machine: a real KRaft broker, a real Apicurio registry, the hub, and six demo
 * partners with a live summary. Ctrl-C (or SIGTERM) stops all of it, newest first.
 */
public final class LocalStack {

    private static final String USAGE = """
            usage: ops/run-local.sh [--no-build] [options]
              --kafka-port N      broker port (default 9092; the controller uses N+1)
              --registry-port N   Apicurio registry port (default 8081)
              --hub-port N        hub HTTP port: health, metrics, ops and privacy APIs (default 8080)
              --hub-jar PATH      the hub (default routes/target/iwa-hub.jar)
              --rate N            demo scenarios per second (default 5)
              --clock-speed N     the hub's clock runs N times faster, so deadlines and escalations show (default 1440: a day a minute)
              --duration N        stop after N seconds (default: run until Ctrl-C)
              --run-dir PATH      logs and broker data (default ops/run)
            """;

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        if (opts.containsKey("help")) {
            System.out.print(USAGE);
            return;
        }
        new LocalStack().run(opts);
    }

    private void run(Map<String, String> opts) throws Exception {
        int kafkaPort = Integer.parseInt(opts.getOrDefault("kafka-port", "9092"));
        int registryPort = Integer.parseInt(opts.getOrDefault("registry-port", "8081"));
        int hubPort = Integer.parseInt(opts.getOrDefault("hub-port", "8080"));
        Path hubJar = Path.of(opts.getOrDefault("hub-jar", "routes/target/iwa-hub.jar")).toAbsolutePath();
        double rate = Double.parseDouble(opts.getOrDefault("rate", "5"));
        String clockSpeed = opts.getOrDefault("clock-speed", "1440");
        long duration = Long.parseLong(opts.getOrDefault("duration", "0"));
        Path runDir = Path.of(opts.getOrDefault("run-dir", "ops/run")).toAbsolutePath();
        Path logs = runDir.resolve("logs");
        if (!Files.isRegularFile(hubJar)) {
            fail("the hub jar " + hubJar + " does not exist; build it first (mvn -B install -DskipTests) or pass --hub-jar");
        }
        Files.createDirectories(logs);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            stopAll();
            System.out.println("[stack] stopped; logs are in " + logs);
        }, "stop-local-stack"));

        long t0 = System.nanoTime();
        KafkaBroker broker = KafkaBroker.start(kafkaPort, kafkaPort + 1, runDir, System.getProperty("java.class.path"));
        started.push(broker);
        say("broker up on " + broker.bootstrapServers(), t0);

        t0 = System.nanoTime();
        ApicurioRegistry registry = ApicurioRegistry.start(registryPort, logs);
        started.push(registry);
        say("schema registry up on " + registry.baseUrl() + " (Confluent-compatible API: " + registry.confluentCompatUrl() + ")", t0);

        t0 = System.nanoTime();
        String officerPassword = secret(18);
        String opsPassword = secret(18);
        Map<String, String> env = new HashMap<>();
        env.put("IWA_PSEUDONYM_KEY", "base64:" + Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(48)));
        env.put("IWA_CONFIG_DIR", Path.of("ops/config").toAbsolutePath().toString());
        env.put("IWA_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("IWA_REGISTRY_URL", registry.apiUrl());
        env.put("IWA_PRIVACY_OFFICER_PASSWORD", officerPassword);
        env.put("IWA_OPS_PASSWORD", opsPassword);
        env.put("SERVER_PORT", Integer.toString(hubPort));
        ChildProcess hub = ChildProcess.start("iwa-hub", List.of(ChildProcess.javaExecutable(), "-Xmx512m",
                "-Diwa.clock.speed=" + clockSpeed, "-Diwa.handoffs.check-period-ms=1000", "-jar", hubJar.toString()),
                env, runDir, logs.resolve("hub.log"));
        started.push(hub);
        hub.awaitReady(() -> ready("http://localhost:" + hubPort + "/actuator/health/readiness"), Duration.ofSeconds(120));
        say("hub up on http://localhost:" + hubPort + " (clock " + clockSpeed + "x)", t0);
        System.out.println("[stack] this run's API users (random per run): privacy-officer / " + officerPassword + "   ops / " + opsPassword);
        System.out.println("[stack] try: curl -u ops:" + opsPassword + " 'http://localhost:" + hubPort + "/api/ops/handoffs?overdue=true'");

        Summary summary = new Summary(8);
        DemoPartners partners = new DemoPartners(broker.bootstrapServers(), registry.apiUrl(), summary);
        started.push(partners);
        partners.start(rate);
        System.out.println("[stack] demo partners running at " + rate + " scenarios/s; Ctrl-C stops everything");

        long begin = System.nanoTime();
        while (!stop.await(5, TimeUnit.SECONDS)) {
            long secs = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin);
            System.out.print(summary.render(DemoPartners.ALL, secs + " s"));
            if (!hub.isAlive()) {
                fail("the hub stopped unexpectedly; see " + hub.logFile());
            }
            if (duration > 0 && secs >= duration) {
                System.exit(0); // the shutdown hook stops everything
            }
        }
    }

    private synchronized void stopAll() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("[stack] while stopping: " + e.getMessage());
            }
        }
    }

    private static boolean ready(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String secret(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void say(String what, long t0) {
        System.out.printf("[stack] %s (%.1f s)%n", what, (System.nanoTime() - t0) / 1e9);
    }

    private static void fail(String message) {
        System.err.println("[stack] " + message);
        System.exit(1);
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                opts.put("help", "true");
            } else if (a.startsWith("--") && i + 1 < args.length) {
                opts.put(a.substring(2), args[++i]);
            } else {
                System.err.print("[stack] unknown argument " + a + "\n" + USAGE);
                System.exit(2);
            }
        }
        return opts;
    }
}
