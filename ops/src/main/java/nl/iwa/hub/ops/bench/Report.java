package nl.iwa.hub.ops.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The benchmark's outcome as a markdown page and as JSON: same numbers, two readers. */
public record Report(MachineInfo machine, Map<String, Object> settings, List<PhaseResult> phases, List<String> notes) {

    public List<Targets.Check> targets() {
        return Targets.evaluate(phases);
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# IWA Hub benchmark\n\n");
        md.append("- Date: ").append(machine.date()).append('\n');
        md.append("- Machine: ").append(machine.cores()).append(" cores (").append(machine.cpuModel()).append("), ")
                .append(String.format(Locale.ROOT, "%,d", machine.memoryMb())).append(" MB memory; ")
                .append(machine.java()).append("; ").append(machine.os()).append('\n');
        md.append("- Settings: ");
        List<String> s = new ArrayList<>();
        settings.forEach((k, v) -> s.add(k + " " + v));
        md.append(String.join(", ", s)).append("\n\n");

        md.append("## Phases\n\n");
        md.append("| system | phase | target msg/s | sent msg/s | delivered msg/s | sent | expected | delivered | lost "
                + "| dup | p50 ms | p99 ms | p99.9 ms | max ms | hub RSS max MB | hub CPU % |\n");
        md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (PhaseResult r : phases) {
            md.append("| ").append(r.system())
                    .append(" | ").append(r.phase())
                    .append(" | ").append(r.targetRate() > 0 ? count(r.targetRate()) : "max")
                    .append(" | ").append(count(Math.round(r.sendRate())))
                    .append(" | ").append(count(Math.round(r.deliveredRate())))
                    .append(" | ").append(count(r.sent()))
                    .append(" | ").append(count(r.expected()))
                    .append(" | ").append(count(r.delivered()))
                    .append(" | ").append(count(r.lost()))
                    .append(" | ").append(count(r.duplicates()))
                    .append(" | ").append(ms(r.latency().p50Ms()))
                    .append(" | ").append(ms(r.latency().p99Ms()))
                    .append(" | ").append(ms(r.latency().p999Ms()))
                    .append(" | ").append(ms(r.latency().maxMs()))
                    .append(" | ").append(perHub(r, HubUsage::rssMaxMb, r.rssMaxMb()))
                    .append(" | ").append(perHub(r, HubUsage::cpuPercent, r.cpuPercent()))
                    .append(" |\n");
        }

        Optional<Double> throughput = Ratios.saturationThroughput(phases);
        List<Ratios.LatencyRatio> latency = Ratios.latency(phases);
        if (throughput.isPresent() || !latency.isEmpty()) {
            md.append("\n## Hub / raw relay\n\n| measure | hub/raw |\n|---|--:|\n");
            throughput.ifPresent(t -> md.append("| deliveries per second at saturation | ").append(two(t)).append(" |\n"));
            for (Ratios.LatencyRatio l : latency) {
                md.append("| latency at ").append(count(l.rate())).append(" msg/s: p50 / p99 / p99.9 | ")
                        .append(two(l.p50())).append(" / ").append(two(l.p99())).append(" / ").append(two(l.p999())).append(" |\n");
            }
        }

        md.append("\n## Targets (reported, not asserted)\n\n| target | measured | verdict |\n|---|---|---|\n");
        for (Targets.Check c : targets()) {
            md.append("| ").append(c.target()).append(" | ").append(c.actual()).append(" | ")
                    .append(switch (c.status()) {
                        case MET -> "**met**";
                        case MISSED -> "**" + c.verdict() + "**";
                        case MET_IN_A_SMALLER_RUN, NOT_MEASURED -> c.verdict();
                    })
                    .append(" |\n");
        }

        List<String> details = new ArrayList<>();
        for (PhaseResult r : phases) {
            if (!r.blocked().isEmpty()) {
                details.add(r.system() + " " + r.phase() + ": blocked as intended " + r.blocked());
            }
            if (!r.rejected().isEmpty()) {
                details.add(r.system() + " " + r.phase() + ": **lawful flows rejected** " + r.rejected());
            }
            if (!r.extras().isEmpty()) {
                details.add(r.system() + " " + r.phase() + ": other inbox traffic " + r.extras());
            }
            if (r.hubs().size() > 1) {
                details.add(r.system() + " " + r.phase() + ": hub VmHWM " + String.join(", ", r.hubs().stream()
                        .map(h -> "hub " + h.hub() + " " + one(h.hwmMb()) + " MB").toList()) + " at the end of the phase");
            } else if (!Double.isNaN(r.hwmMb())) {
                details.add(r.system() + " " + r.phase() + ": hub VmHWM " + one(r.hwmMb()) + " MB at the end of the phase");
            }
        }
        if (!notes.isEmpty() || !details.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
            details.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("date", machine.date());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", machine.cores());
        m.put("memoryMb", machine.memoryMb());
        m.put("cpuModel", machine.cpuModel());
        m.put("java", machine.java());
        m.put("os", machine.os());
        root.put("machine", m);
        root.put("settings", settings);
        List<Object> list = new ArrayList<>();
        for (PhaseResult r : phases) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("system", r.system());
            p.put("phase", r.phase());
            p.put("targetRate", r.targetRate() > 0 ? r.targetRate() : null);
            p.put("sendSeconds", r.sendSeconds());
            p.put("sendRate", r.sendRate());
            p.put("deliveredRate", r.deliveredRate());
            p.put("sent", r.sent());
            p.put("expected", r.expected());
            p.put("delivered", r.delivered());
            p.put("lost", r.lost());
            p.put("duplicates", r.duplicates());
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("count", r.latency().count());
            l.put("p50", r.latency().p50Ms());
            l.put("p99", r.latency().p99Ms());
            l.put("p999", r.latency().p999Ms());
            l.put("max", r.latency().maxMs());
            p.put("latencyMs", l);
            p.put("hubRssMaxMb", r.rssMaxMb());
            p.put("hubHwmMb", r.hwmMb());
            p.put("hubCpuPercent", r.cpuPercent());
            List<Object> hubs = new ArrayList<>();
            for (HubUsage h : r.hubs()) {
                Map<String, Object> u = new LinkedHashMap<>();
                u.put("hub", h.hub());
                u.put("rssMaxMb", h.rssMaxMb());
                u.put("hwmMb", h.hwmMb());
                u.put("cpuPercent", h.cpuPercent());
                hubs.add(u);
            }
            p.put("hubInstances", hubs);
            p.put("blocked", r.blocked());
            p.put("rejected", r.rejected());
            p.put("otherInboxTraffic", r.extras());
            list.add(p);
        }
        root.put("phases", list);
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("saturationThroughput", Ratios.saturationThroughput(phases).orElse(Double.NaN));
        List<Object> lat = new ArrayList<>();
        for (Ratios.LatencyRatio r : Ratios.latency(phases)) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("rate", r.rate());
            x.put("p50", r.p50());
            x.put("p99", r.p99());
            x.put("p999", r.p999());
            lat.add(x);
        }
        ratios.put("latency", lat);
        root.put("hubOverRaw", ratios);
        List<Object> checks = new ArrayList<>();
        for (Targets.Check c : targets()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", c.name());
            x.put("target", c.target());
            x.put("measured", c.actual());
            x.put("status", c.status().name());
            x.put("verdict", c.verdict());
            checks.add(x);
        }
        root.put("targets", checks);
        root.put("notes", notes);
        return Json.write(root);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Milliseconds: two decimals below 10 ms, one above; a dash when nothing was measured. */
    static String ms(double d) {
        if (Double.isNaN(d)) {
            return "–";
        }
        return String.format(Locale.ROOT, d < 10 ? "%.2f" : "%.1f", d);
    }

    /** A hub figure of a phase: with several hubs each one's, hub 1 first ("412.0 / 398.5"); else {@code total}. */
    static String perHub(PhaseResult r, java.util.function.ToDoubleFunction<HubUsage> figure, double total) {
        if (r.hubs().size() < 2) {
            return one(total);
        }
        return String.join(" / ", r.hubs().stream().map(h -> one(figure.applyAsDouble(h))).toList());
    }

    static String one(double d) {
        return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.1f", d);
    }

    static String two(double d) {
        return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.2f", d);
    }
}
