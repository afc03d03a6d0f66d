package nl.iwa.hub.ops.demo;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the demo partners saw, counted per partner and kind of event, plus the latest notable events as
 * one-liners. Holds partner ids and codes only: no resident data ever reaches the console.
 */
public final class Summary {

    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();
    private final Deque<String> recent = new ArrayDeque<>();
    private final int keep;

    public Summary(int keepRecent) {
        this.keep = keepRecent;
    }

    public void count(String partner, String what) {
        counts.computeIfAbsent(partner, p -> new ConcurrentHashMap<>()).computeIfAbsent(what, w -> new LongAdder()).increment();
    }

    public long get(String partner, String what) {
        LongAdder a = counts.getOrDefault(partner, Map.of()).get(what);
        return a == null ? 0 : a.sum();
    }

    public synchronized void event(String line) {
        recent.addFirst(line);
        while (recent.size() > keep) {
            recent.removeLast();
        }
    }

    public synchronized List<String> recent() {
        return List.copyOf(recent);
    }

    /** Counts of one partner that start with a prefix, e.g. "rejected:" by reason code. */
    public Map<String, Long> withPrefix(String partner, String prefix) {
        Map<String, Long> out = new TreeMap<>();
        counts.getOrDefault(partner, Map.of()).forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v.sum());
            }
        });
        return out;
    }

    public String render(List<String> partners, String elapsed) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%n── IWA Hub demo · %s ───────────────────────────────────────────────────────────────%n", elapsed));
        sb.append(String.format("%-24s %6s %9s %9s %8s %8s  %s%n", "partner", "sent", "received", "relays", "escal.", "notices", "rejected (reason: n)"));
        for (String p : partners) {
            Map<String, Long> rejected = withPrefix(p, "rejected:");
            sb.append(String.format("%-24s %6d %9d %9d %8d %8d  %s%n", p, get(p, "sent"), get(p, "received"),
                    get(p, "relay"), get(p, "escalation"), get(p, "consent-notice"),
                    rejected.isEmpty() ? "-" : rejected.toString().replaceAll("[{}]", "").replace("=", ": ")));
        }
        sb.append("latest:\n");
        for (String line : recent()) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }
}
