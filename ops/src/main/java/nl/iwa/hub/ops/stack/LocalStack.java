package nl.iwa.hub.ops.stack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import nl.iwa.hub.ops.access.SecuredDeployment;
import nl.iwa.hub.ops.demo.ArrearsFileDrop;
import nl.iwa.hub.ops.demo.DemoConnectors;
import nl.iwa.hub.ops.demo.DemoPartners;
import nl.iwa.hub.ops.demo.Partners;
import nl.iwa.hub.ops.demo.RestPartner;
import nl.iwa.hub.ops.demo.Summary;
import nl.iwa.hub.ops.demo.WebhookReceiver;
import nl.iwa.hub.ops.oauth.LocalTokenIssuer;
import nl.iwa.hub.testkit.ChildProcess;
import nl.iwa.hub.testkit.broker.KafkaBroker;
import nl.iwa.hub.testkit.pki.PkiFiles;
import nl.iwa.hub.testkit.registry.ApicurioRegistry;

/**
 * The whole thing on one machine, in one command: a real KRaft broker, a real Apicurio registry, the hub, and
 * six demo partners with a live summary. The GP practice uses the hub's connectors (REST in, with tokens of the
 * stack's own local-only issuer; its inbox pushed to a webhook of the demo), and the housing corporation drops a CSV
 * file every minute beside its Kafka traffic. Ctrl-C (SIGINT) or SIGTERM stops all of it, in reverse order of
 * starting (demo, hub, registry, broker), so that nothing loses the piece it talks to while still running and
 * no process is left behind.
 */
public final class LocalStack {

    private static final long SUMMARY_EVERY_SECONDS = 5;
    /** The reviewed demo partners and policies; the stack runs from the repository root. */
    private static final Path CONFIG_DIR = Path.of("ops/config").toAbsolutePath();
    /** The audience of the local issuer's tokens, which the hub requires (iwa.security.oidc.audience). */
    static final String HUB_AUDIENCE = "iwa-hub-local";
    /** The hub's name in the webhook handshake (iwa.connectors.inbox.origin, default). */
    static final String HUB_WEBHOOK_ORIGIN = "iwa-hub";

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
        for (int port : options.hubPorts()) {
            requireFree(port, port == options.hubPort() ? "--hub-port" : "--hub-port (the other hubs of --hubs take the next free ports)");
        }
        requireFree(options.issuerPort(), "--issuer-port");
        Files.createDirectories(options.runDir().resolve("logs"));
    }

    private void startAll() {
        Path logs = options.runDir().resolve("logs");
        System.out.println("[stack] starting; logs go to " + logs);

        long t0 = System.nanoTime();
        Connectors connectors = startConnectors();
        say("local token issuer up on " + connectors.issuer.issuer() + " (OAuth2 client credentials, local only); the GP's webhook on "
                + connectors.webhook.url() + "; the housing corporation's drop folder " + connectors.dropFolder, t0);

        t0 = System.nanoTime();
        SecuredDeployment security = SecuredDeployment.prepare(options.runDir(), options.hubJar(), connectors.configDir);
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

        Map<String, String> hubEnv = new LinkedHashMap<>(Map.of(
                // REST partners' tokens come from the stack's own issuer
                "IWA_SECURITY_OIDC_ISSUERURI", connectors.issuer.issuer(),
                "IWA_SECURITY_OIDC_JWKSETURI", connectors.issuer.jwkSetUri(),
                "IWA_SECURITY_OIDC_AUDIENCE", connectors.issuer.audience()));
        HubProcess.Group hubs = HubProcess.group(new HubProcess.Settings(options.hubJar(), broker.bootstrapServers(),
                security.hubClientConfig(), registry.apiUrl(), registry.writer(), connectors.configDir, options.clockSpeed(),
                options.runDir(), hubEnv), options.hubPorts());
        // one after the other, each once the one before is ready: a hub joining takes its share of the partitions
        // from those running, as in a rolling start
        HubProcess first = null;
        for (int n = 1; n <= hubs.count(); n++) {
            if (hubs.count() > 1) {
                System.out.println("[stack] starting hub " + n + " of " + hubs.count() + " on port " + hubs.port(n) + " ...");
                System.out.flush();
            }
            t0 = System.nanoTime();
            HubProcess started = hubs.start(n);
            own(started, started.process());
            if (first == null) {
                first = started;
            }
            if (hubs.count() == 1) {
                say("hub up on " + started.baseUrl() + " (metrics: " + started.baseUrl() + "/actuator/prometheus; clock " + options.clockSpeed()
                        + "x; API users of this run in " + started.usersFile() + ")", t0);
            } else {
                say("hub " + n + " of " + hubs.count() + " up on " + started.baseUrl() + " (transactional id " + HubProcess.transactionalId(n) + ", group " + HubProcess.GROUP_ID + "; metrics: "
                        + started.baseUrl() + "/actuator/prometheus; log " + started.process().logFile() + ")", t0);
            }
        }
        // the console, the impact figures and the REST partners use the first hub; any hub answers them alike
        HubProcess hub = first;
        if (hubs.count() > 1) {
            System.out.println("[stack] " + hubs.count() + " hubs share the partitions (clock " + options.clockSpeed() + "x): "
                    + String.join(", ", IntStream.rangeClosed(1, hubs.count())
                            .mapToObj(n -> "hub " + n + " http://localhost:" + hubs.port(n)).toList())
                    + "; each answers the APIs with the same users (in " + hub.usersFile() + "); REST partners use hub 1");
        }
        // the passwords stay in that file (owner-only): a terminal's scroll-back and captured output are no place for them
        System.out.println("[stack] console: " + hub.baseUrl() + "/console (log in as privacy-officer or ops; their passwords of this run are in "
                + hub.usersFile() + ")");
        // k-anonymous: with the demo's few handoffs most cells stay under k = 10 for a while, so it answers with them hidden
        System.out.println("[stack] impact figures: " + hub.baseUrl() + "/api/impact (user steering-group, password in " + hub.usersFile()
                + "): " + (hub.impactAnswers() ? "answers; cells under k = 10 are hidden until the demo's traffic fills them"
                : "does not answer yet, see " + options.runDir().relativize(hub.process().logFile())));

        summary = new Summary(5);
        Map<String, RestPartner> rest = new LinkedHashMap<>();
        connectors.clientSecretFiles.forEach((partner, client) -> rest.put(partner, new RestPartner(partner,
                URI.create(connectors.issuer.tokenUri()), client.getKey(), client.getValue(), URI.create(hub.baseUrl() + "/api/connect/v1/"), summary)));
        DemoConnectors demoConnectors = new DemoConnectors(rest, Map.of(Partners.GP, connectors.webhook),
                Map.of(Partners.HOUSING, new ArrearsFileDrop(Partners.HOUSING, connectors.dropFolder, summary)));
        DemoPartners partners = new DemoPartners(security.partners(broker), registry.apiUrl(), summary, demoConnectors);
        synchronized (this) {
            if (stopping) {
                partners.close();
                throw new IllegalStateException("stopping");
            }
            started.push(partners);
        }
        partners.start(options.rate());
        System.out.print(howToCallRest(connectors, hub));
        System.out.println("[stack] demo partners sending about " + options.rate() + " messages/s"
                + options.duration().map(d -> " for " + d.toSeconds() + " s").orElse("") + "; Ctrl-C stops everything");
    }

    /** What the connectors of this run are: the token issuer, the GP's webhook, the drop folder, and the config that names them. */
    private record Connectors(LocalTokenIssuer issuer, Map<String, Map.Entry<String, Path>> clientSecretFiles, WebhookReceiver webhook,
                              Path dropFolder, Path configDir) {
    }

    /**
     * Before the hub: the token issuer its REST partners authenticate with (a secret per client, in a file of the
     * run), the GP's webhook (with the token the hub must present, in a file of the run) and the housing
     * corporation's drop folder, and the copy of partners.yaml that tells the hub about the last two.
     */
    private Connectors startConnectors() {
        Path dir = options.runDir().resolve("connectors");
        Map<String, Map.Entry<String, Path>> secretFiles = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        RunConfig.restClients(CONFIG_DIR).forEach((partner, clientId) -> {
            String secret = HubProcess.secret(new SecureRandom(), 32);
            secrets.put(clientId, secret);
            if (Partners.ALL.contains(partner)) {
                secretFiles.put(partner, Map.entry(clientId, PkiFiles.writeSecret(dir.resolve(clientId + ".secret"), secret + "\n")));
            }
        });
        LocalTokenIssuer issuer = LocalTokenIssuer.start(options.issuerPort(), HUB_AUDIENCE, secrets);
        ownInProcess(issuer);

        String webhookToken = HubProcess.secret(new SecureRandom(), 32);
        Path tokenFile = PkiFiles.writeSecret(dir.resolve(Partners.GP + "-webhook.token"), webhookToken);
        WebhookReceiver webhook = WebhookReceiver.start(0, "/his/iwa/events", webhookToken, HUB_WEBHOOK_ORIGIN);
        ownInProcess(webhook);

        Path dropFolder = dir.resolve(Partners.HOUSING).resolve("in");
        try {
            Files.createDirectories(dropFolder);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path configDir = RunConfig.write(CONFIG_DIR, options.runDir().resolve("config"), Map.of(
                Partners.GP, Map.of("inbox", Map.of("delivery", "WEBHOOK", "url", webhook.url(), "tokenFile", tokenFile.toString())),
                Partners.HOUSING, Map.of("files", Map.of("folder", dropFolder.toString(), "receiver", Partners.SOCIAL_TEAM))));
        return new Connectors(issuer, secretFiles, webhook, dropFolder, configDir);
    }

    /** How to send as the GP by hand, with curl; the secret stays in its file. */
    private String howToCallRest(Connectors connectors, HubProcess hub) {
        StringBuilder sb = new StringBuilder();
        connectors.clientSecretFiles.forEach((partner, client) -> sb
                .append("[stack] ").append(partner).append(" sends by REST as OAuth2 client '").append(client.getKey())
                .append("'; its secret is in ").append(client.getValue()).append(". By hand (README, \"Connectors\"):\n")
                .append("  TOKEN=$(curl -s -u \"").append(client.getKey()).append(":$(cat ").append(client.getValue()).append(")\" -d grant_type=client_credentials ")
                .append(connectors.issuer.tokenUri()).append(" | jq -r .access_token)\n")
                .append("  curl -i -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' -d @signal.json ")
                .append(hub.baseUrl()).append("/api/connect/v1/signals\n")
                .append("  (OpenAPI: ").append(hub.baseUrl()).append("/api/connect/v1/openapi.yaml)\n"));
        return sb.toString();
    }

    /** Something this JVM runs itself (an HTTP server): stopped with the rest, in reverse order of starting. */
    private synchronized void ownInProcess(AutoCloseable component) {
        if (stopping) {
            try {
                component.close();
            } catch (Exception ignored) {
                // nothing more to do
            }
            throw new IllegalStateException("stopping");
        }
        started.push(component);
    }

    /** Prints the summary every few seconds until the duration is over, a stop is requested, or a hub dies. */
    private int watch() throws InterruptedException {
        long begin = System.nanoTime();
        List<HubProcess> hubs = new ArrayList<>();
        DemoPartners partners = null;
        synchronized (this) {
            for (AutoCloseable c : started) {
                if (c instanceof HubProcess h) {
                    hubs.add(h);
                } else if (c instanceof DemoPartners d) {
                    partners = d;
                }
            }
        }
        while (!stopRequested.await(SUMMARY_EVERY_SECONDS, TimeUnit.SECONDS)) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin);
            for (HubProcess hub : hubs) {
                if (!hub.process().isAlive()) {
                    System.err.println("[stack] " + (hubs.size() == 1 ? "the hub" : describe(hub)) + " stopped unexpectedly; see " + hub.process().logFile());
                    stopAll();
                    return 1;
                }
            }
            if (options.duration().isPresent() && seconds >= options.duration().get().toSeconds()) {
                // a planned end: let the answers to what was sent arrive, so the final numbers add up
                if (partners != null) {
                    partners.stopProducing();
                    partners.drain(java.time.Duration.ofSeconds(15));
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

    private String describe(AutoCloseable component) {
        if (component instanceof DemoPartners) {
            return "demo partners";
        } else if (component instanceof HubProcess hub) {
            return options.hubs() == 1 ? "hub" : "hub " + hub.number() + " (port " + hub.port() + ")";
        } else if (component instanceof ApicurioRegistry) {
            return "schema registry";
        } else if (component instanceof KafkaBroker) {
            return "broker";
        } else if (component instanceof LocalTokenIssuer) {
            return "local token issuer";
        } else if (component instanceof WebhookReceiver) {
            return "the GP's webhook";
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
