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
    static final String INVOLVEMENT = "involvement";
    static final String COORDINATOR_NOTICES = "coordinator-notices";
    static final String REJECTED = "rejected:";
    static final String REST_ACCEPTED = "rest-accepted";
    static final String REST_REFUSED = "rest-refused:";
    static final String WEBHOOK = "webhook:";
    static final String HANDSHAKES = "webhook-handshakes";
    static final String FILES_DROPPED = "files-dropped";
    static final String FILES_REPORTED = "files-reported";
    static final String ROWS_ACCEPTED = "rows-accepted";
    static final String ROWS_REJECTED = "rows-rejected:";
    private static final String KAFKA = "kafka";

    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();
    private final LongAdder surprises = new LongAdder();
    /** Deliveries are most of the traffic; keeping them apart stops them from pushing every block off screen. */
    private final Deque<Event> recentDeliveries = new ArrayDeque<>();
    private final Deque<Event> recentOther = new ArrayDeque<>();
    /** Per partner, what arrived at its webhook or what its file drops gave: shown below its connectors' counts. */
    private final Map<String, Deque<Event>> recentConnector = new ConcurrentHashMap<>();
    /** How each partner talks to the hub, where not (only) by Kafka: "REST + webhook", "kafka + files". */
    private final Map<String, String> via = new ConcurrentHashMap<>();
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

    /** Who else is involved with a resident the partner works with, and who coordinates (partner ids only). */
    public void involvementNotice(String partner, String change, List<String> named, String coordinator) {
        count(partner, NOTICES);
        count(partner, INVOLVEMENT);
        if (coordinator != null && "COORDINATOR_CHANGED".equals(change)) {
            count(partner, COORDINATOR_NOTICES);
        }
        event(line("hub", partner, "INVOLVEMENT", change.toLowerCase(java.util.Locale.ROOT) + ": " + String.join(", ", named)
                + (coordinator == null ? "" : " (coordinator " + coordinator + ")")));
    }

    public void note(String line) {
        event(line);
    }

    // ---- the connectors: REST in, webhook out, files in -----------------------------------------------------

    /** How {@code partner} talks to the hub in this run, e.g. "REST + webhook"; the default is "kafka". */
    public void via(String partner, String transport) {
        via.put(partner, transport);
    }

    /** The hub answered a REST message 202: written to the partner's outbox, on its way to a decision. */
    public void restAccepted(String partner) {
        count(partner, REST_ACCEPTED);
    }

    /** The hub refused a REST message; {@code title} is the problem's title, which names no value. */
    public void restRefused(String partner, int status, String path, String title) {
        count(partner, REST_REFUSED + status);
        event(line(partner, "hub", "POST /" + path, "refused " + status + (title == null || title.isBlank() ? "" : ": " + title)));
    }

    public void webhookHandshake(String partner) {
        count(partner, HANDSHAKES);
        connector(partner, String.format("hub -> %-22s webhook validation (OPTIONS): origin allowed", partner));
    }

    /** A CloudEvent reached a partner's webhook: its type, id and kind, and the code in it (a status, a reason); never data. */
    public void webhookReceived(String partner, String type, String id, String kind, String code) {
        count(partner, WEBHOOK + kind);
        connector(partner, String.format("hub -> %-22s webhook %s id %s%s", partner, type, id, code == null || code.isBlank() ? "" : " (" + code + ")"));
    }

    public void fileDropped(String partner, String fileName) {
        count(partner, FILES_DROPPED);
        connector(partner, String.format("%-22s -> hub    file %s dropped", partner, fileName));
    }

    /**
     * The report the hub wrote beside a dropped file: its accepted rows were written to the partner's outbox
     * (so they count as sent), the rejected ones are counted by reason code.
     */
    public void fileReported(String partner, String fileName, String status, int accepted, Map<String, Long> rejectedByReason,
                             List<String> rejectedRows, String reportPath, boolean asExpected) {
        count(partner, FILES_REPORTED);
        add(partner, ROWS_ACCEPTED, accepted);
        add(partner, SENT, accepted);
        rejectedByReason.forEach((reason, n) -> add(partner, ROWS_REJECTED + reason, n));
        if (!asExpected) {
            surprises.increment();
        }
        connector(partner, String.format("%-22s <- hub    report of %s: %s, %d rows accepted, %d rejected%s; %s%s", partner, fileName, status,
                accepted, rejectedRows.size(), rejectedRows.isEmpty() ? "" : " (" + String.join(", ", rejectedRows) + ")", reportPath,
                asExpected ? "" : "   UNEXPECTED (the file should give " + ArrearsFileDrop.GOOD_ROWS + " rows and reject "
                        + ArrearsFileDrop.expectedRejections() + ")"));
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    public long get(String partner, String what) {
        LongAdder a = counts.getOrDefault(partner, Map.of()).get(what);
        return a == null ? 0 : a.sum();
    }

    /** Rejections of one partner's messages, by reason code. */
    public Map<String, Long> rejections(String partner) {
        return byPrefix(partner, REJECTED);
    }

    /** One partner's counts whose name starts with {@code prefix}, by the rest of the name. */
    Map<String, Long> byPrefix(String partner, String prefix) {
        Map<String, Long> out = new TreeMap<>();
        counts.getOrDefault(partner, Map.of()).forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v.sum());
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
        sb.append(String.format("%-24s %-14s %6s %8s %9s %8s %6s %6s %7s  %s%n", "partner", "via", "sent", "consents", "delivered",
                "received", "relays", "escal.", "notices", "rejected (reason: n)"));
        for (String p : partners) {
            Map<String, Long> byReason = rejections(p);
            sb.append(String.format("%-24s %-14s %6d %8d %9d %8d %6d %6d %7d  %s%n", p, via.getOrDefault(p, KAFKA), get(p, SENT),
                    get(p, CONSENTS), get(p, DELIVERED), get(p, RECEIVED), get(p, RELAYS), get(p, ESCALATIONS), get(p, NOTICES),
                    listed(byReason)));
        }
        long involvement = partners.stream().mapToLong(p -> get(p, INVOLVEMENT)).sum();
        if (involvement > 0) {
            sb.append(String.format("involvement notices (who else works with a resident, and the coordinator): %d, %d of them "
                            + "naming a new coordinator, to %s%n", involvement, partners.stream().mapToLong(p -> get(p, COORDINATOR_NOTICES)).sum(),
                    partners.stream().filter(p -> get(p, INVOLVEMENT) > 0).toList()));
        }
        renderConnectors(sb, partners);
        sb.append("latest:\n");
        for (String line : recent()) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    private void renderConnectors(StringBuilder sb, List<String> partners) {
        List<String> connected = partners.stream().filter(via::containsKey).toList();
        if (connected.isEmpty()) {
            return;
        }
        sb.append("connectors:\n");
        for (String p : connected) {
            String transport = via.get(p);
            List<String> parts = new java.util.ArrayList<>();
            if (transport.contains("REST")) {
                Map<String, Long> refused = byPrefix(p, REST_REFUSED);
                parts.add(String.format("REST in: %d accepted (202), %d refused%s", get(p, REST_ACCEPTED),
                        refused.values().stream().mapToLong(Long::longValue).sum(), refused.isEmpty() ? "" : " (" + listed(refused) + ")"));
            }
            if (transport.contains("webhook")) {
                Map<String, Long> kinds = byPrefix(p, WEBHOOK);
                parts.add(String.format("webhook out: %d delivered%s, %d handshake%s", kinds.values().stream().mapToLong(Long::longValue).sum(),
                        kinds.isEmpty() ? "" : " (" + listed(kinds) + ")", get(p, HANDSHAKES), get(p, HANDSHAKES) == 1 ? "" : "s"));
            }
            if (transport.contains("files")) {
                Map<String, Long> rejected = byPrefix(p, ROWS_REJECTED);
                parts.add(String.format("files in: %d dropped, %d reported; rows %d accepted, %d rejected%s", get(p, FILES_DROPPED),
                        get(p, FILES_REPORTED), get(p, ROWS_ACCEPTED), rejected.values().stream().mapToLong(Long::longValue).sum(),
                        rejected.isEmpty() ? "" : " (" + listed(rejected) + ")"));
            }
            sb.append(String.format("  %-22s %s%n", p, String.join(" · ", parts)));
            synchronized (this) {
                for (Event e : recentConnector.getOrDefault(p, new ArrayDeque<>())) {
                    sb.append("    ").append(e.line()).append('\n');
                }
            }
        }
    }

    private static String listed(Map<String, Long> counts) {
        return counts.isEmpty() ? "-" : counts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
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
        add(partner, what, 1);
    }

    private void add(String partner, String what, long n) {
        counts.computeIfAbsent(partner, p -> new ConcurrentHashMap<>()).computeIfAbsent(what, w -> new LongAdder()).add(n);
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

    /** The latest three lines per partner: a file's report is not pushed off screen by another partner's webhook traffic. */
    private synchronized void connector(String partner, String line) {
        Deque<Event> events = recentConnector.computeIfAbsent(partner, p -> new ArrayDeque<>());
        events.addLast(new Event(sequence++, line));
        while (events.size() > 3) {
            events.removeFirst();
        }
    }

    private void remember(Deque<Event> events, String line) {
        events.addLast(new Event(sequence++, line));
        while (events.size() > keep) {
            events.removeFirst();
        }
    }
}
