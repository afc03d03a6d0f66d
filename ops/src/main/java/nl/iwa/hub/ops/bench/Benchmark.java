package nl.iwa.hub.ops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.iwa.hub.ops.access.SecuredDeployment;
import nl.iwa.hub.ops.demo.Partners;
import nl.iwa.hub.ops.stack.HubProcess;
import nl.iwa.hub.testkit.broker.ClientSettings;
import nl.iwa.hub.testkit.broker.KafkaBroker;
import nl.iwa.hub.testkit.registry.ApicurioRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The benchmark: a real broker and registry, the real hub (the packaged jar) and, in the same run, a raw
 * kafka-clients relay as the baseline; the same partner traffic through each, at fixed rates and at
 * saturation. Writes report.md and report.json; see README, "Benchmark".
 */
public final class Benchmark {

    private final BenchmarkOptions options;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private Benchmark(BenchmarkOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("benchmark: " + e.getMessage());
            System.err.print(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(BenchmarkOptions.USAGE);
            return;
        }
        if (!Files.isRegularFile(options.hubJar())) {
            System.err.println("benchmark: no hub jar at " + options.hubJar() + "; build first (mvn -B install -DskipTests)");
            System.exit(2);
        }
        Benchmark benchmark = new Benchmark(options);
        Runtime.getRuntime().addShutdownHook(new Thread(benchmark::stopAll, "benchmark-stop"));
        benchmark.run();
        benchmark.stopAll();
    }

    private void run() throws IOException {
        double loadAtStart = MachineInfo.loadAverageNow();
        Files.createDirectories(options.runDir());
        Progress.say("starting the broker (KRaft, port %d) and the registry (port %d) ...", options.kafkaPort(), options.registryPort());
        // secured as in production: the hub connects with its certificate and the ACLs from partners.yaml; the
        // driver (partners and their inbox readers) and the raw relay connect as the operator over the same TLS
        // listener, so hub and raw pay the same transport cost
        SecuredDeployment security = SecuredDeployment.prepare(options.runDir(), options.hubJar(), Path.of("ops/config"));
        KafkaBroker broker = keep(KafkaBroker.start(options.kafkaPort(), options.controllerPort(), options.runDir(),
                KafkaBroker.brokerClasspath(), security.brokerSecurity(options.scramPort()), security.admin(), Map.of()));
        Progress.say("broker secured: %s", security.grant(broker));
        ApicurioRegistry registry = keep(ApicurioRegistry.startSecured(options.registryPort(), options.runDir().resolve("logs")));
        ClientSettings bootstrap = new ClientSettings(broker.bootstrapServers(), security.admin());
        List<PhaseResult> results = new ArrayList<>();
        PhaseRunner runner = new PhaseRunner(options, notes);

        int hubCount = options.hubs();
        Map<String, String> hubEnv = Map.of(); // the hub as it starts by default
        notes.add("hub: each outbox record passes the intake topology (Kafka Streams, exactly-once), re-keyed by resident onto "
                + "iwa.hub.decide; the decisions run per partition of iwa.hub.decide in the decide topology (Kafka Streams, "
                + "exactly-once), its state in RocksDB stores");
        if (hubCount > 1) {
            notes.add(String.format(Locale.ROOT, "hub: %d hub processes side by side in one consumer group (%s), each with its own "
                    + "transactional id, port and state directory, sharing the partitions and the machine's %d cores; hub RSS max MB "
                    + "and hub CPU %% are given per hub (hub 1 / hub 2 / ...); in report.json hubRssMaxMb and hubHwmMb are the highest "
                    + "of them, hubCpuPercent their sum, hubInstances each one's", hubCount, HubProcess.GROUP_ID,
                    Runtime.getRuntime().availableProcessors()));
        }
        HubProcess.Group group = HubProcess.group(new HubProcess.Settings(options.hubJar(), broker.bootstrapServers(),
                security.hubClientConfig(), registry.apiUrl(), registry.writer(), Path.of("ops/config"), 1.0, options.runDir(), hubEnv),
                options.hubPorts());
        List<HubProcess> hubs = new ArrayList<>();
        List<Path> recordings = new ArrayList<>();
        for (int n = 1; n <= hubCount; n++) {
            // one after the other, each once the one before is ready, as the hubs of a rolling start
            Progress.say(hubCount == 1 ? "starting the hub (%s) ..." : "starting the hub (%s) " + n + " of " + hubCount
                    + " on port " + group.port(n) + " ...", options.hubJar().getFileName());
            Path recording = options.runDir().resolve(hubCount == 1 ? "hub.jfr" : "hub-" + n + ".jfr");
            recordings.add(recording);
            // the JVM reads this at start; the recording is written when the hub stops
            Map<String, String> jfr = options.jfr() ? Map.of("JAVA_TOOL_OPTIONS",
                    "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording) : Map.of();
            hubs.add(keep(group.start(n, jfr)));
        }
        java.time.Instant hubReady = java.time.Instant.now();
        results.addAll(runner.run(PhaseResult.HUB, "iwa", bootstrap, registry.apiUrl(),
                hubs.stream().map(h -> new ProcessSampler(h.process().pid())).toList()));
        for (int i = hubs.size() - 1; i >= 0; i--) {
            stop(hubs.get(i));
        }
        if (options.jfr()) {
            Files.createDirectories(options.outDir());
            for (int n = 1; n <= hubCount; n++) {
                HubProfile profile = HubProfile.of(recordings.get(n - 1), hubReady);
                String file = hubCount == 1 ? "hub-profile.md" : "hub-" + n + "-profile.md";
                Files.writeString(options.outDir().resolve(file), profile.markdown());
                notes.add("hub" + (hubCount == 1 ? "" : " " + n) + " profile (Java Flight Recorder, from the first phase on): "
                        + profile.headline() + "; see " + file);
            }
        }

        if (!options.skipRaw()) {
            createRawTopics(bootstrap);
            RawRelay relay = keep(new RawRelay("raw", bootstrap, registry.apiUrl(), registry.writer()));
            relay.start();
            results.addAll(runner.run(PhaseResult.RAW, "raw", bootstrap, registry.apiUrl(), List.of()));
            stop(relay);
            notes.add("raw relay: one kafka-clients consumer and an idempotent producer (acks=all) in the benchmark's JVM, "
                    + "at-least-once, no transactions; the hub writes each batch in a Kafka transaction with its offsets");
        }
        notes.add(String.format(Locale.ROOT, "machine load (1-minute load average, %d cores): %.2f before the run started "
                + "(other work only: well above 0, it competed with the run for the cores), %.2f at its end (with the run's own)",
                Runtime.getRuntime().availableProcessors(), loadAtStart, MachineInfo.loadAverageNow()));
        notes.add("latency: from the partner's send to the receiver's read_committed consumer seeing the delivery "
                + "(or, for a status update, the relay to the handoff's sender); all processes share the machine");

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("phaseSeconds", options.phaseSeconds());
        settings.put("rates", options.rates());
        settings.put("saturationMessages", options.saturationMessages());
        settings.put("warmupMessages", options.warmupMessages());
        settings.put("drainSeconds", options.drainSeconds());
        settings.put("rawRelay", !options.skipRaw());
        // the hub's one engine since the classic one was removed; reports of earlier runs may name classic here
        settings.put("engine", "streams");
        settings.put("hubs", hubCount);
        settings.put("residents", options.residents().id());
        Report report = new Report(MachineInfo.current(), settings, results, notes);
        Files.createDirectories(options.outDir());
        Files.writeString(options.outDir().resolve("report.md"), report.markdown());
        Files.writeString(options.outDir().resolve("report.json"), report.json());
        System.out.println();
        System.out.println(report.markdown());
        Progress.say("report written to %s and report.json", options.outDir().resolve("report.md"));
    }

    private static void createRawTopics(ClientSettings bootstrap) {
        try (Admin admin = Admin.create(bootstrap.properties())) {
            List<NewTopic> topics = new ArrayList<>();
            for (String p : Partners.ALL) {
                topics.add(new NewTopic("raw." + p + ".outbox", 3, (short) 1));
                topics.add(new NewTopic("raw." + p + ".inbox", 3, (short) 1));
            }
            admin.createTopics(topics).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the raw relay's topics: " + e.getMessage(), e);
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        running.add(resource);
        return resource;
    }

    private void stop(AutoCloseable resource) {
        running.remove(resource);
        close(resource);
    }

    /** Stops what is still running, newest first (the hub before the registry before the broker). */
    private synchronized void stopAll() {
        for (int i = running.size() - 1; i >= 0; i--) {
            close(running.get(i));
        }
        running.clear();
    }

    private static void close(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("benchmark: stopping " + resource.getClass().getSimpleName() + " failed: " + e.getMessage());
        }
    }
}
