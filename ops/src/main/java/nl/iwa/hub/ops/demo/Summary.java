package nl.iwa.hub.ops.demo;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * What the demo partners saw, counted per partner, plus the latest notable events as one-liners. It only
 * ever holds partner ids, message codes and reason codes: no resident data can reach the console through it.
 */
public final class Summary {

    static final String SENT = "sent";
    static final String CONSENTS = "consents";
    static final String DELIVERED = "delivered";
    static final String RECEIVED = "received";
    static final String RELAYS = "relays";
    static final String ESCALATIONS = "escalations";
    static final String NOTICES = "notices";
    static final String REJECTED = "rejected:";

    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();
    private final LongAdder surprises = new LongAdder();
    /** Deliveries are most of the traffic; keeping them apart stops them from pushing every block off screen. */
    private final Deque<Event> recentDeliveries = new ArrayDeque<>();
    private final Deque<Event> recentOther = new ArrayDeque<>();
    private final int keep;
    private long sequence;
    private volatile long lastActivityNanos = System.nanoTime();

    /** @param keepRecent how many of the latest deliveries, and how many of the latest other events, to show */
    public Summary(int keepRecent) {
        this.keep = keepRecent;
    }

    private record Event(long seq, String line) {
    }

    // ---- what the partners did and saw -------------------------------------------------------------------

    public void sent(String partner) {
        count(partner, SENT);
    }

    public void consentRecorded(String partner) {
        count(partner, SENT);
        count(partner, CONSENTS);
    }

    /** A message reached its receiver: counted for the sender (delivered) and for the receiver (received). */
    public void delivered(Flow flow, String receiver) {
        count(flow.from(), DELIVERED);
        count(receiver, RECEIVED);
        String verdict = verdict(flow, Flow.DELIVERED);
        String line = line(flow.from(), receiver, flow.code(), "delivered") + verdict;
        if (verdict.isEmpty()) {
            delivery(line);
        } else {
            event(line);
        }
    }

    /** The hub blocked a message and told its sender why; {@code flow} is empty when the sender cannot tell what it was. */
    public void rejected(String sender, java.util.Optional<Flow> flow, String reasonCode) {
        count(sender, REJECTED + reasonCode);
        event(flow.map(f -> line(f.from(), f.to(), f.code(), "blocked: " + reasonCode) + verdict(f, reasonCode))
                .orElseGet(() -> {
                    surprises.increment();
                    return line(sender, "?", "(unknown message)", "blocked: " + reasonCode);
                }));
    }

    /**
     * A handoff's status came back to its sender. When a demo partner's update caused it, that update counts
     * as delivered for the partner who sent it; relays the hub raises itself (e.g. DELIVERED) only count here.
     */
    public void statusRelayed(String partner, java.util.Optional<Flow> causedBy) {
        count(partner, RELAYS);
        causedBy.ifPresent(update -> {
            count(update.from(), DELIVERED);
            delivery(line(update.from(), partner, update.code(), "relayed"));
        });
    }

    public void escalated(String partner, String level, String awaitedStatus) {
        count(partner, ESCALATIONS);
        event(line("hub", partner, "ESCALATION", level + ": handoff not " + awaitedStatus + " in time"));
    }

    public void consentWithdrawnNotice(String partner, int deliveries) {
        count(partner, NOTICES);
        event(line("hub", partner, "CONSENT_WITHDRAWN", "stop processing " + deliveries + " deliver" + (deliveries == 1 ? "y" : "ies")));
    }

    public void note(String line) {
        event(line);
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    public long get(String partner, String what) {
        LongAdder a = counts.getOrDefault(partner, Map.of()).get(what);
        return a == null ? 0 : a.sum();
    }

    /** Rejections of one partner's messages, by reason code. */
    public Map<String, Long> rejections(String partner) {
        Map<String, Long> out = new TreeMap<>();
        counts.getOrDefault(partner, Map.of()).forEach((k, v) -> {
            if (k.startsWith(REJECTED)) {
                out.put(k.substring(REJECTED.length()), v.sum());
            }
        });
        return out;
    }

    /** Outcomes that differed from what the scenario expected (a delivery that should have been blocked, ...). */
    public long surprises() {
        return surprises.sum();
    }

    /** The latest deliveries and other events, oldest first. */
    public synchronized List<String> recent() {
        return java.util.stream.Stream.concat(recentDeliveries.stream(), recentOther.stream())
                .sorted(java.util.Comparator.comparingLong(Event::seq)).map(Event::line).toList();
    }

    /** When the last outcome arrived; lets the demo wait for in-flight messages before its final summary. */
    public long nanosSinceLastActivity() {
        return System.nanoTime() - lastActivityNanos;
    }

    public String render(List<String> partners, String header) {
        long sent = 0;
        long delivered = 0;
        long rejected = 0;
        for (String p : partners) {
            sent += get(p, SENT);
            delivered += get(p, DELIVERED);
            rejected += rejections(p).values().stream().mapToLong(Long::longValue).sum();
        }
        StringBuilder sb = new StringBuilder();
        String title = String.format("── IWA Hub demo · %s · sent %d, delivered %d, rejected %d, surprises %d ", header, sent, delivered,
                rejected, surprises());
        sb.append('\n').append(title).append("─".repeat(Math.max(3, 110 - title.length()))).append('\n');
        sb.append(String.format("%-24s %6s %8s %9s %8s %6s %6s %7s  %s%n", "partner", "sent", "consents", "delivered", "received",
                "relays", "escal.", "notices", "rejected (reason: n)"));
        for (String p : partners) {
            Map<String, Long> byReason = rejections(p);
            sb.append(String.format("%-24s %6d %8d %9d %8d %6d %6d %7d  %s%n", p, get(p, SENT), get(p, CONSENTS), get(p, DELIVERED),
                    get(p, RECEIVED), get(p, RELAYS), get(p, ESCALATIONS), get(p, NOTICES), byReason.isEmpty() ? "-"
                            : byReason.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "))));
        }
        sb.append("latest:\n");
        for (String line : recent()) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    // ---- internals -------------------------------------------------------------------------------------------

    static String line(String from, String to, String code, String outcome) {
        return String.format("%-22s -> %-22s %-24s %s", from, to, code, outcome);
    }

    private String verdict(Flow flow, String outcome) {
        if (flow.expected() == null || flow.expected().equals(outcome)) {
            return "";
        }
        surprises.increment();
        return "   UNEXPECTED (scenario expects " + flow.expected() + ")";
    }

    private void count(String partner, String what) {
        counts.computeIfAbsent(partner, p -> new ConcurrentHashMap<>()).computeIfAbsent(what, w -> new LongAdder()).increment();
        touch();
    }

    private void touch() {
        lastActivityNanos = System.nanoTime();
    }

    private synchronized void event(String line) {
        remember(recentOther, line);
    }

    private synchronized void delivery(String line) {
        remember(recentDeliveries, line);
    }

    private void remember(Deque<Event> events, String line) {
        events.addLast(new Event(sequence++, line));
        while (events.size() > keep) {
            events.removeFirst();
        }
    }
}
