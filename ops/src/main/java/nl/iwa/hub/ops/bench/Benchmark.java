package nl.iwa.hub.ops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    private static final Duration PRIMING_TIMEOUT = Duration.ofSeconds(180);
    private static final long PROGRESS_NANOS = 2_000_000_000L;

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
        progress("starting the broker (KRaft, port %d) and the registry (port %d) ...", options.kafkaPort(), options.registryPort());
        // secured as in production: the hub connects with its certificate and the ACLs from partners.yaml; the
        // driver (partners and their inbox readers) and the raw relay connect as the operator over the same TLS
        // listener, so hub and raw pay the same transport cost
        SecuredDeployment security = SecuredDeployment.prepare(options.runDir(), options.hubJar(), Path.of("ops/config"));
        KafkaBroker broker = keep(KafkaBroker.start(options.kafkaPort(), options.controllerPort(), options.runDir(),
                KafkaBroker.brokerClasspath(), security.brokerSecurity(options.scramPort()), security.admin(), Map.of()));
        progress("broker secured: %s", security.grant(broker));
        ApicurioRegistry registry = keep(ApicurioRegistry.startSecured(options.registryPort(), options.runDir().resolve("logs")));
        ClientSettings bootstrap = new ClientSettings(broker.bootstrapServers(), security.admin());
        List<PhaseResult> results = new ArrayList<>();

        progress("starting the hub (%s) ...", options.hubJar().getFileName());
        Path recording = options.runDir().resolve("hub.jfr");
        Map<String, String> jfr = options.jfr()
                // the JVM reads this at start; the recording is written when the hub stops
                ? Map.of("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording)
                : Map.of();
        HubProcess hub = keep(HubProcess.start(options.hubJar(), options.hubPort(), broker.bootstrapServers(), security.hubClientConfig(),
                registry.apiUrl(), registry.writer(), Path.of("ops/config"), 1.0, options.runDir(), jfr));
        results.addAll(phases(PhaseResult.HUB, "iwa", bootstrap, registry.apiUrl(), new ProcessSampler(hub.process().pid())));
        stop(hub);
        if (options.jfr()) {
            HubProfile profile = HubProfile.of(recording);
            Files.createDirectories(options.outDir());
            Files.writeString(options.outDir().resolve("hub-profile.md"), profile.markdown());
            notes.add("hub profile (Java Flight Recorder, whole hub run): " + profile.headline() + "; see hub-profile.md");
        }

        if (!options.skipRaw()) {
            createRawTopics(bootstrap);
            RawRelay relay = keep(new RawRelay("raw", bootstrap, registry.apiUrl(), registry.writer()));
            relay.start();
            results.addAll(phases(PhaseResult.RAW, "raw", bootstrap, registry.apiUrl(), null));
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
        Report report = new Report(MachineInfo.current(), settings, results, notes);
        Files.createDirectories(options.outDir());
        Files.writeString(options.outDir().resolve("report.md"), report.markdown());
        Files.writeString(options.outDir().resolve("report.json"), report.json());
        System.out.println();
        System.out.println(report.markdown());
        progress("report written to %s and report.json", options.outDir().resolve("report.md"));
    }

    private List<PhaseResult> phases(String system, String prefix, ClientSettings bootstrap, String registryUrl, ProcessSampler sampler) {
        List<PhaseResult> results = new ArrayList<>();
        // every message delivered to this system, over all its phases: a duplicate is caught even a phase later
        Set<String> deliveredIds = ConcurrentHashMap.newKeySet();
        try (Workload workload = new Workload(prefix, bootstrap, registryUrl);
             InboxWatcher watcher = new InboxWatcher(prefix, bootstrap, registryUrl, workload::answer)) {
            watcher.start();
            waitFor(watcher::assigned, Duration.ofSeconds(60), system + " inbox consumer assigned");
            prime(system, workload, watcher, deliveredIds);
            if (options.warmupMessages() > 0) {
                // as fast as it goes, so that every rate after it runs on compiled code: without it a rate's
                // figures depend on its place in the run (the first was the worst, the JIT still at work)
                results.add(asFastAsPossible(system, PhaseResult.WARM_UP, options.warmupMessages(), workload, watcher,
                        sampler, deliveredIds));
            }
            for (int rate : options.rates()) {
                results.add(fixedRate(system, rate + " msg/s", rate, options.phaseSeconds(), workload, watcher, sampler,
                        deliveredIds));
            }
            if (options.saturationMessages() > 0) {
                results.add(asFastAsPossible(system, PhaseResult.SATURATION, options.saturationMessages(), workload, watcher,
                        sampler, deliveredIds));
            }
        }
        return results;
    }

    /**
     * Sends one case of every scenario and waits until all they started has arrived. The first message on each
     * partner's topics pays for everything done once (producer metadata, schema registration and lookups on both
     * sides, the hub's first transaction, cold code): seconds, which must not land in a measured phase and, worse,
     * stall its open-loop sender, even with {@code --warmup-seconds 0}. Not measured; the time goes into the notes.
     */
    private void prime(String system, Workload workload, InboxWatcher watcher, Set<String> deliveredIds) {
        Measurement m = new Measurement(deliveredIds);
        workload.measureInto(m);
        watcher.measureInto(m);
        long start = System.nanoTime();
        workload.sendEveryScenario();
        workload.flush();
        long deadline = start + PRIMING_TIMEOUT.toNanos();
        while (m.outstanding() > 0) { // handoffs add their status update while this waits: awaited as well
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(String.format(Locale.ROOT, "%s: %d of %d priming messages not delivered "
                        + "within %d s; see the logs in %s", system, m.outstanding(), m.expected(), PRIMING_TIMEOUT.toSeconds(),
                        options.runDir().resolve("logs")));
            }
            pause(20); // polling the consumer thread's counters; there is no event to wait on
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        notes.add(String.format(Locale.ROOT, "%s: priming (one case of each scenario, not measured) took %.1f s from the "
                + "first send to the last delivery: first use of every topic, schema and code path", system, seconds));
        progress("%s primed: one case of each scenario through in %.1f s (%,d messages, not measured)", system, seconds, m.sent());
    }

    private PhaseResult fixedRate(String system, String phase, int rate, int seconds, Workload workload, InboxWatcher watcher,
                                  ProcessSampler sampler, Set<String> deliveredIds) {
        Measurement m = new Measurement(deliveredIds);
        workload.measureInto(m);
        watcher.measureInto(m);
        Usage usage = new Usage(sampler);
        RatePacer pacer = new RatePacer(rate / workload.messagesPerCase());
        long start = System.nanoTime();
        long cases = 0;
        long nextReport = start + PROGRESS_NANOS;
        IntervalRate current = new IntervalRate(0, start);
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            long due = pacer.batch(System.nanoTime() - start, cases);
            for (long i = 0; i < due; i++) {
                workload.sendCase();
                cases++;
            }
            usage.sample();
            if (System.nanoTime() > nextReport) {
                progress("%s %s: %d of %d s, sent %,d, delivered %,d, now %,.0f deliveries/s", system, phase,
                        (System.nanoTime() - start) / 1_000_000_000L, seconds, m.sent(), m.delivered(),
                        current.next(m.delivered(), System.nanoTime()));
                nextReport += PROGRESS_NANOS;
            }
            pause(RatePacer.TICK_MILLIS); // the pacer's tick: open-loop sending, not a wait for a result
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        workload.flush();
        return finish(system, phase, rate, sendSeconds, m, usage);
    }

    private PhaseResult asFastAsPossible(String system, String phase, int messages, Workload workload, InboxWatcher watcher,
                                         ProcessSampler sampler, Set<String> deliveredIds) {
        Measurement m = new Measurement(deliveredIds);
        workload.measureInto(m);
        watcher.measureInto(m);
        Usage usage = new Usage(sampler);
        long start = System.nanoTime();
        long nextReport = start + PROGRESS_NANOS;
        IntervalRate current = new IntervalRate(0, start);
        while (m.sent() < messages) {
            workload.sendCase();
            if (System.nanoTime() > nextReport) {
                usage.sample();
                progress("%s %s: %d s, sent %,d of %,d, delivered %,d, now %,.0f deliveries/s", system, phase,
                        (System.nanoTime() - start) / 1_000_000_000L, m.sent(), messages, m.delivered(),
                        current.next(m.delivered(), System.nanoTime()));
                nextReport += PROGRESS_NANOS;
            }
        }
        workload.flush();
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        return finish(system, phase, 0, sendSeconds, m, usage);
    }

    /** Waits until every awaited message arrived, or nothing arrived for the drain time; then the figures. */
    private PhaseResult finish(String system, String phase, int rate, double sendSeconds, Measurement m, Usage usage) {
        long lastProgress = System.nanoTime();
        long lastDelivered = m.delivered();
        long nextReport = lastProgress + PROGRESS_NANOS;
        IntervalRate current = new IntervalRate(lastDelivered, lastProgress);
        while (m.outstanding() > 0 && System.nanoTime() - lastProgress < options.drainSeconds() * 1_000_000_000L) {
            pause(100);
            usage.sample();
            if (m.delivered() != lastDelivered) {
                lastDelivered = m.delivered();
                lastProgress = System.nanoTime();
            }
            if (System.nanoTime() > nextReport) {
                progress("%s %s: draining, delivered %,d of %,d, now %,.0f deliveries/s", system, phase, m.delivered(),
                        m.expected(), current.next(m.delivered(), System.nanoTime()));
                nextReport += PROGRESS_NANOS;
            }
        }
        double span = (Math.max(m.lastDeliveryNanos(), m.firstSendNanos()) - m.firstSendNanos()) / 1e9;
        PhaseResult r = new PhaseResult(system, phase, rate, sendSeconds, m.sent(), m.expected(), m.delivered(), m.duplicates(),
                RatePacer.achievedRate(m.sent(), (long) (sendSeconds * 1e9)), span > 0 ? m.delivered() / span : 0,
                LatencyStats.ofMicros(m.latency()), usage.rssMaxMb(), usage.hwmMb(), usage.cpuPercent(),
                m.blockedCounts(), m.rejectedCounts(), m.extraCounts());
        progress("%s %s: sent %,d, delivered %,d of %,d (%.0f/s), %,d lost, %,d duplicates, p50 %.1f ms, p99 %.1f ms, "
                        + "p99.9 %.1f ms%s", system, phase, r.sent(), r.delivered(), r.expected(), r.deliveredRate(), r.lost(),
                r.duplicates(), r.latency().p50Ms(), r.latency().p99Ms(),
                r.latency().p999Ms(), Double.isNaN(r.rssMaxMb()) ? "" : String.format(Locale.ROOT, ", hub RSS %.0f MB, CPU %.0f %%",
                        r.rssMaxMb(), r.cpuPercent()));
        return r;
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

    /** The hub's memory and CPU over a phase, from /proc; nothing for the raw relay (it runs in this JVM). */
    private static final class Usage {
        private final ProcessSampler sampler;
        private final OptionalLong cpuAtStart;
        private final long startNanos = System.nanoTime();
        private long rssMax;
        private long lastSample;

        Usage(ProcessSampler sampler) {
            this.sampler = sampler;
            this.cpuAtStart = sampler == null ? OptionalLong.empty() : sampler.cpuNanos();
        }

        void sample() {
            if (sampler == null || System.nanoTime() - lastSample < 500_000_000L) {
                return;
            }
            lastSample = System.nanoTime();
            sampler.rssBytes().ifPresent(b -> rssMax = Math.max(rssMax, b));
        }

        double rssMaxMb() {
            return sampler == null ? Double.NaN : rssMax / 1048576.0;
        }

        double hwmMb() {
            return sampler == null ? Double.NaN : sampler.hwmBytes().orElse(0) / 1048576.0;
        }

        double cpuPercent() {
            OptionalLong now = sampler == null ? OptionalLong.empty() : sampler.cpuNanos();
            if (cpuAtStart.isEmpty() || now.isEmpty()) {
                return Double.NaN;
            }
            return 100.0 * (now.getAsLong() - cpuAtStart.getAsLong()) / (System.nanoTime() - startNanos);
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

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            pause(100);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void progress(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }
}
