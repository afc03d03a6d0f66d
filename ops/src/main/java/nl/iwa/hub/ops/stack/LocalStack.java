package nl.iwa.hub.ops.stack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nl.iwa.hub.ops.ChildProcess;
import nl.iwa.hub.ops.access.SecuredDeployment;
import nl.iwa.hub.ops.broker.KafkaBroker;
import nl.iwa.hub.ops.demo.DemoPartners;
import nl.iwa.hub.ops.demo.Partners;
import nl.iwa.hub.ops.demo.Summary;
import nl.iwa.hub.ops.registry.ApicurioRegistry;

/**
 * The whole thing on one machine, in one command: a real KRaft broker, a real Apicurio registry, the hub, and
 * six demo partners with a live summary. Ctrl-C (SIGINT) or SIGTERM stops all of it, in reverse order of
 * starting (demo, hub, registry, broker), so that nothing loses the piece it talks to while still running and
 * no process is left behind.
 */
public final class LocalStack {

    private static final long SUMMARY_EVERY_SECONDS = 5;
    /** The reviewed demo partners and policies; the stack runs from the repository root. */
    private static final Path CONFIG_DIR = Path.of("ops/config").toAbsolutePath();

    /** What runs, newest first: stopped from the top. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final StackOptions options;
    private volatile boolean stopping;
    private volatile Summary summary;

    private LocalStack(StackOptions options) {
        this.options = options;
    }

    /**
     * The Apicurio serde's one start-up advice (about its shared Vert.x instance) goes through java.util.logging
     * straight to the console; it is meant for applications, not this demo. Held here: JUL keeps loggers weakly.
     */
    private static final java.util.logging.Logger APICURIO_JUL = java.util.logging.Logger.getLogger("io.apicurio");
    /** Partners look their schema up by content, which this logger prints whole, at INFO, once per serializer. */
    private static final java.util.logging.Logger SCHEMA_LOOKUP_LOG =
            java.util.logging.Logger.getLogger("io.apicurio.registry.resolver.DefaultSchemaResolver");

    public static void main(String[] args) {
        APICURIO_JUL.setLevel(java.util.logging.Level.SEVERE);
        SCHEMA_LOOKUP_LOG.setLevel(java.util.logging.Level.WARNING);
        // and whatever else a library prints through java.util.logging at INFO: the console is the summary's
        for (java.util.logging.Handler h : java.util.logging.Logger.getLogger("").getHandlers()) {
            h.setLevel(java.util.logging.Level.WARNING);
        }
        StackOptions options;
        try {
            options = StackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.print("[stack] " + e.getMessage() + "\n" + StackOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(StackOptions.USAGE);
            return;
        }
        LocalStack stack = new LocalStack(options);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::shutdownFromSignal, "stop-local-stack"));
        int exitCode = stack.run();
        System.exit(exitCode);
    }

    private int run() {
        try {
            checkBeforeStart();
            startAll();
        } catch (RuntimeException | IOException e) {
            if (stopping) {
                return 130; // a Ctrl-C during start-up: the shutdown hook stops what is running
            }
            System.err.println("[stack] could not start: " + e.getMessage());
            stopAll();
            return 1;
        }
        try {
            return watch();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private void checkBeforeStart() throws IOException {
        if (!Files.isRegularFile(options.hubJar())) {
            throw new IllegalStateException("the hub jar " + options.hubJar() + " does not exist; build it "
                    + "(mvn -B install -DskipTests, or ops/run-local.sh without --no-build) or pass --hub-jar");
        }
        if (!Files.isRegularFile(CONFIG_DIR.resolve("partners.yaml"))) {
            throw new IllegalStateException("no " + CONFIG_DIR.resolve("partners.yaml") + " here; run from the repository root (ops/run-local.sh does)");
        }
        requireFree(options.kafkaPort(), "--kafka-port");
        requireFree(options.controllerPort(), "--kafka-port (its controller uses the next port)");
        requireFree(options.scramPort(), "--kafka-port (its SCRAM listener uses kafka port + 2)");
        requireFree(options.registryPort(), "--registry-port");
        requireFree(options.hubPort(), "--hub-port");
        Files.createDirectories(options.runDir().resolve("logs"));
    }

    private void startAll() {
        Path logs = options.runDir().resolve("logs");
        System.out.println("[stack] starting; logs go to " + logs);

        long t0 = System.nanoTime();
        SecuredDeployment security = SecuredDeployment.prepare(options.runDir(), options.hubJar(), CONFIG_DIR);
        KafkaBroker broker = KafkaBroker.start(options.kafkaPort(), options.controllerPort(), options.runDir(),
                KafkaBroker.brokerClasspath(), security.brokerSecurity(options.scramPort()), security.admin(), Map.of());
        own(broker, broker.process());
        String applied = security.grant(broker);
        say("broker up: mutual TLS on " + broker.bootstrapServers() + ", SCRAM on " + broker.scramBootstrapServers()
                + " (KRaft, controller on localhost:" + options.controllerPort() + "); " + applied
                + "; kcat commands for the demo partners in " + security.writeKcatHelp(broker), t0);

        t0 = System.nanoTime();
        ApicurioRegistry registry = ApicurioRegistry.startSecured(options.registryPort(), logs);
        own(registry, registry.process());
        say("schema registry up on " + registry.baseUrl() + " (native " + registry.apiUrl() + ", Confluent-compatible "
                + registry.confluentCompatUrl() + ")", t0);

        t0 = System.nanoTime();
        HubProcess hub = HubProcess.start(options.hubJar(), options.hubPort(), broker.bootstrapServers(), security.hubClientConfig(),
                registry.apiUrl(), registry.writer(), CONFIG_DIR, options.clockSpeed(), options.runDir());
        own(hub, hub.process());
        say("hub up on " + hub.baseUrl() + " (metrics: " + hub.baseUrl() + "/actuator/prometheus; clock " + options.clockSpeed()
                + "x; API users of this run in " + hub.usersFile() + ")", t0);

        summary = new Summary(5);
        DemoPartners partners = new DemoPartners(security.partners(broker), registry.apiUrl(), summary);
        synchronized (this) {
            if (stopping) {
                partners.close();
                throw new IllegalStateException("stopping");
            }
            started.push(partners);
        }
        partners.start(options.rate());
        System.out.println("[stack] demo partners sending about " + options.rate() + " messages/s"
                + options.duration().map(d -> " for " + d.toSeconds() + " s").orElse("") + "; Ctrl-C stops everything");
    }

    /** Prints the summary every few seconds until the duration is over, a stop is requested, or the hub dies. */
    private int watch() throws InterruptedException {
        long begin = System.nanoTime();
        HubProcess hub = null;
        DemoPartners partners = null;
        for (AutoCloseable c : started) {
            if (c instanceof HubProcess h) {
                hub = h;
            } else if (c instanceof DemoPartners d) {
                partners = d;
            }
        }
        while (!stopRequested.await(SUMMARY_EVERY_SECONDS, TimeUnit.SECONDS)) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin);
            if (hub != null && !hub.process().isAlive()) {
                System.err.println("[stack] the hub stopped unexpectedly; see " + hub.process().logFile());
                stopAll();
                return 1;
            }
            if (options.duration().isPresent() && seconds >= options.duration().get().toSeconds()) {
                // a planned end: let the answers to what was sent arrive, so the final numbers add up
                if (partners != null) {
                    partners.stopProducing();
                    partners.drain(java.time.Duration.ofSeconds(10));
                }
                stopAll();
                return 0;
            }
            System.out.print(summary.render(Partners.ALL, seconds + " s"));
            System.out.flush();
        }
        return 130; // the shutdown hook does the stopping
    }

    /** Takes over stopping a child from its own shutdown hook, so that the order of stopping is ours. */
    private synchronized void own(AutoCloseable component, ChildProcess process) throws IllegalStateException {
        if (stopping) {
            // a stop came while this one was starting: the stack is gone already, so is this
            try {
                component.close();
            } catch (Exception ignored) {
                // its own shutdown hook stops it too
            }
            throw new IllegalStateException("stopping");
        }
        started.push(component);
        process.withoutOwnShutdownHook();
    }

    private void shutdownFromSignal() {
        stopping = true;
        stopRequested.countDown();
        stopAll();
    }

    /** Stops everything that runs, newest first; safe to call more than once and from any thread. */
    private synchronized void stopAll() {
        stopping = true;
        if (started.isEmpty()) {
            return;
        }
        System.out.println("[stack] stopping ...");
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            long t0 = System.nanoTime();
            try {
                component.close();
                if (component instanceof DemoPartners && summary != null) {
                    System.out.print(summary.render(Partners.ALL, "final"));
                }
                say("stopped " + describe(component), t0);
            } catch (Exception e) {
                System.err.println("[stack] while stopping " + describe(component) + ": " + e.getMessage());
            }
        }
        System.out.println("[stack] all stopped; logs are in " + options.runDir().resolve("logs"));
        System.out.flush();
    }

    private static String describe(AutoCloseable component) {
        if (component instanceof DemoPartners) {
            return "demo partners";
        } else if (component instanceof HubProcess) {
            return "hub";
        } else if (component instanceof ApicurioRegistry) {
            return "schema registry";
        } else if (component instanceof KafkaBroker) {
            return "broker";
        }
        return component.getClass().getSimpleName();
    }

    private static void requireFree(int port, String option) {
        try (ServerSocket probe = new ServerSocket(port)) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is in use; stop what uses it or choose another with " + option);
        }
    }

    private static void say(String what, long t0) {
        System.out.printf("[stack] %s (%.1f s)%n", what, (System.nanoTime() - t0) / 1e9);
        System.out.flush();
    }
}
