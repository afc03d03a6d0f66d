package nl.iwa.hub.ops.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.iwa.hub.testkit.broker.ClientSettings;

/**
 * The phases of one system (the hub or the raw relay) under the same partner traffic: priming, the warm-up pass,
 * the fixed rates and saturation, each with fresh measurement state and drained before the next.
 */
final class PhaseRunner {

    private static final Duration PRIMING_TIMEOUT = Duration.ofSeconds(180);
    private static final long PROGRESS_NANOS = 2_000_000_000L;
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);

    private final BenchmarkOptions options;
    private final List<String> notes;

    PhaseRunner(BenchmarkOptions options, List<String> notes) {
        this.options = options;
        this.notes = notes;
    }

    List<PhaseResult> run(String system, String prefix, ClientSettings bootstrap, String registryUrl, List<ProcessSampler> samplers) {
        List<PhaseResult> results = new ArrayList<>();
        // every message delivered to this system, over all its phases: a duplicate is caught even a phase later
        Set<String> deliveredIds = ConcurrentHashMap.newKeySet();
        try (Workload workload = new Workload(prefix, bootstrap, registryUrl, options.residents());
             InboxWatcher watcher = new InboxWatcher(prefix, bootstrap, registryUrl, workload::answer)) {
            watcher.start();
            Progress.waitFor(watcher::assigned, Duration.ofSeconds(60), system + " inbox consumer assigned");
            prime(system, workload, watcher, deliveredIds);
            if (options.warmupMessages() > 0) {
                // as fast as it goes, so that every rate after it runs on compiled code; each phase after it starts on
                // a settled machine (settle), so that no phase measures what the one before left behind
                results.add(asFastAsPossible(system, PhaseResult.WARM_UP, options.warmupMessages(), workload, watcher,
                        samplers, deliveredIds));
                // then one unmeasured phase at the highest rate: the passes at a fixed rate run smaller batches than
                // the one as fast as possible, and without this the first of them was still the slowest, whatever
                // its rate (docs/benchmark.md)
                int top = options.rates().stream().mapToInt(Integer::intValue).max().orElseThrow();
                settle(system, "the warm-up at a fixed rate", samplers);
                PhaseResult pass = fixedRate(system, PhaseResult.WARM_UP + " at " + top + " msg/s", top, options.phaseSeconds(),
                        workload, watcher, samplers, deliveredIds);
                notes.add(String.format(Locale.ROOT, "%s: a warm-up at %d msg/s for %d s, not measured (p99 %.1f ms, %d lost)",
                        system, top, options.phaseSeconds(), pass.latency().p99Ms(), pass.lost()));
            }
            for (int rate : options.rates()) {
                settle(system, rate + " msg/s", samplers);
                results.add(fixedRate(system, rate + " msg/s", rate, options.phaseSeconds(), workload, watcher, samplers,
                        deliveredIds));
            }
            if (options.saturationMessages() > 0) {
                settle(system, PhaseResult.SATURATION, samplers);
                results.add(asFastAsPossible(system, PhaseResult.SATURATION, options.saturationMessages(), workload, watcher,
                        samplers, deliveredIds));
            }
        }
        return results;
    }

    /**
     * Waits, before a phase, until the machine's CPU use has stayed below 20 % of its cores for 3 s ({@link QuietMachine}),
     * at most {@link #SETTLE_TIMEOUT}; how long it took goes into the notes. Only for the hub (the raw relay, with no
     * process of its own, has no samplers): its phases are the ones an earlier phase's aftermath can reach.
     */
    private void settle(String system, String phase, List<ProcessSampler> samplers) {
        if (samplers.isEmpty() || samplers.get(0).cpuNanos().isEmpty()) {
            return;
        }
        QuietMachine quiet = new QuietMachine(0.2, 3);
        long start = System.nanoTime();
        long[] last = MachineInfo.cpuJiffiesNow();
        double share = 0;
        while (System.nanoTime() - start < SETTLE_TIMEOUT.toNanos()) {
            Progress.pause(1000); // a sampling window, not a wait for a condition
            long now = System.nanoTime();
            long[] cpu = MachineInfo.cpuJiffiesNow();
            share = (double) (cpu[0] - last[0]) / Math.max(1, cpu[1] - last[1]);
            last = cpu;
            if (quiet.observe(share)) {
                notes.add(String.format(Locale.ROOT, "%s %s: the machine settled in %.0f s before it (CPU under 20 %% for 3 s)",
                        system, phase, (now - start) / 1e9));
                return;
            }
            Progress.say("%s: waiting for the machine to settle before %s (CPU %.0f %%)", system, phase, share * 100);
        }
        notes.add(String.format(Locale.ROOT, "%s %s: the machine did not settle within %d s before it (CPU %.0f %% at the end); "
                + "it ran anyway", system, phase, SETTLE_TIMEOUT.toSeconds(), share * 100));
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
            Progress.pause(20); // polling the consumer thread's counters; there is no event to wait on
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        notes.add(String.format(Locale.ROOT, "%s: priming (one case of each scenario, not measured) took %.1f s from the "
                + "first send to the last delivery: first use of every topic, schema and code path", system, seconds));
        Progress.say("%s primed: one case of each scenario through in %.1f s (%,d messages, not measured)", system, seconds, m.sent());
    }

    private PhaseResult fixedRate(String system, String phase, int rate, int seconds, Workload workload, InboxWatcher watcher,
                                  List<ProcessSampler> samplers, Set<String> deliveredIds) {
        Measurement m = new Measurement(deliveredIds);
        workload.measureInto(m);
        watcher.measureInto(m);
        PhaseUsage usage = new PhaseUsage(samplers);
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
                Progress.say("%s %s: %d of %d s, sent %,d, delivered %,d, now %,.0f deliveries/s", system, phase,
                        (System.nanoTime() - start) / 1_000_000_000L, seconds, m.sent(), m.delivered(),
                        current.next(m.delivered(), System.nanoTime()));
                nextReport += PROGRESS_NANOS;
            }
            Progress.pause(RatePacer.TICK_MILLIS); // the pacer's tick: open-loop sending, not a wait for a result
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        workload.flush();
        return finish(system, phase, rate, sendSeconds, m, usage);
    }

    private PhaseResult asFastAsPossible(String system, String phase, int messages, Workload workload, InboxWatcher watcher,
                                         List<ProcessSampler> samplers, Set<String> deliveredIds) {
        Measurement m = new Measurement(deliveredIds);
        workload.measureInto(m);
        watcher.measureInto(m);
        PhaseUsage usage = new PhaseUsage(samplers);
        long start = System.nanoTime();
        long nextReport = start + PROGRESS_NANOS;
        IntervalRate current = new IntervalRate(0, start);
        while (m.sent() < messages) {
            workload.sendCase();
            if (System.nanoTime() > nextReport) {
                usage.sample();
                Progress.say("%s %s: %d s, sent %,d of %,d, delivered %,d, now %,.0f deliveries/s", system, phase,
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
    private PhaseResult finish(String system, String phase, int rate, double sendSeconds, Measurement m, PhaseUsage usage) {
        long lastProgress = System.nanoTime();
        long lastDelivered = m.delivered();
        long nextReport = lastProgress + PROGRESS_NANOS;
        IntervalRate current = new IntervalRate(lastDelivered, lastProgress);
        while (m.outstanding() > 0 && System.nanoTime() - lastProgress < options.drainSeconds() * 1_000_000_000L) {
            Progress.pause(100);
            usage.sample();
            if (m.delivered() != lastDelivered) {
                lastDelivered = m.delivered();
                lastProgress = System.nanoTime();
            }
            if (System.nanoTime() > nextReport) {
                Progress.say("%s %s: draining, delivered %,d of %,d, now %,.0f deliveries/s", system, phase, m.delivered(),
                        m.expected(), current.next(m.delivered(), System.nanoTime()));
                nextReport += PROGRESS_NANOS;
            }
        }
        double span = (Math.max(m.lastDeliveryNanos(), m.firstSendNanos()) - m.firstSendNanos()) / 1e9;
        List<HubUsage> hubs = usage.perHub();
        PhaseResult r = new PhaseResult(system, phase, rate, sendSeconds, m.sent(), m.expected(), m.delivered(), m.duplicates(),
                RatePacer.achievedRate(m.sent(), (long) (sendSeconds * 1e9)), span > 0 ? m.delivered() / span : 0,
                LatencyStats.ofMicros(m.latency()), HubUsage.highestRssMb(hubs), HubUsage.highestHwmMb(hubs),
                HubUsage.totalCpuPercent(hubs), m.blockedCounts(), m.rejectedCounts(), m.extraCounts(), hubs);
        Progress.say("%s %s: sent %,d, delivered %,d of %,d (%.0f/s), %,d lost, %,d duplicates, p50 %.1f ms, p99 %.1f ms, "
                        + "p99.9 %.1f ms%s", system, phase, r.sent(), r.delivered(), r.expected(), r.deliveredRate(), r.lost(),
                r.duplicates(), r.latency().p50Ms(), r.latency().p99Ms(), r.latency().p999Ms(), usageText(r));
        return r;
    }

    /** ", hub RSS 412 MB, CPU 55 %"; with several hubs each one's, "hub RSS 412 / 398 MB, CPU 30 / 28 %"; nothing for raw. */
    static String usageText(PhaseResult r) {
        if (Double.isNaN(r.rssMaxMb())) {
            return "";
        }
        if (r.hubs().size() < 2) {
            return String.format(Locale.ROOT, ", hub RSS %.0f MB, CPU %.0f %%", r.rssMaxMb(), r.cpuPercent());
        }
        return ", hub RSS " + String.join(" / ", r.hubs().stream().map(h -> String.format(Locale.ROOT, "%.0f", h.rssMaxMb())).toList())
                + " MB, CPU " + String.join(" / ", r.hubs().stream().map(h -> String.format(Locale.ROOT, "%.0f", h.cpuPercent())).toList())
                + " %";
    }
}
