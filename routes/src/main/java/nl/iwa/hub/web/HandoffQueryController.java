package nl.iwa.hub.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.handoff.FhirTaskStatus;
import nl.iwa.hub.handoff.HandoffOverview;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * For ops teams: open handoffs by partner, status or overdue, and one handoff with its history. Answers
 * carry ids, codes and times only: no pseudonym, nothing about the resident.
 */
@RestController
@RequestMapping("/api/ops/handoffs")
public class HandoffQueryController {

    private final HandoffOverview handoffs;
    private final Clock clock;

    public HandoffQueryController(HandoffOverview handoffs, Clock clock) {
        this.handoffs = handoffs;
        this.clock = clock;
    }

    public record Summary(String handoffId, String correlationId, String senderPartnerId, String receiverPartnerId,
                          String policyId, HandoffStatus status, String fhirTaskStatus, Instant statusSince,
                          HandoffStatus awaitedStatus, Instant dueAt, boolean overdue, List<String> escalationsFired) {
    }

    public record Step(HandoffStatus status, Instant at, String by, String messageId) {
    }

    public record Detail(Summary handoff, String accountable, String reasonCode, String suggestedPartnerId,
                         String outcomeCode, List<Step> history) {
    }

    /** The most open handoffs one answer lists: a hub may hold hundreds of thousands. */
    public static final int MAX_LIMIT = 5000;

    /** What the console shows of the open handoffs: counts of all of them, and the first few in full. */
    public record Digest(List<Count> counts, List<Summary> soonestDue, int open) {
    }

    /** How many handoffs a receiver has open in one status, and how many of those are overdue. */
    public record Count(String receiver, HandoffStatus status, long open, long overdue) {
    }

    /**
     * Open handoffs, soonest due first (so the overdue ones lead), at most {@code limit}; filters combine. The
     * handoffs are read one at a time and only the first {@code limit} are kept, however many are open.
     */
    @GetMapping
    public List<Summary> open(@RequestParam(required = false) String partner,
                              @RequestParam(required = false) String status,
                              @RequestParam(defaultValue = "false") boolean overdue,
                              @RequestParam(defaultValue = "500") int limit) {
        HandoffStatus wanted = status == null ? null : parseStatus(status);
        checkLimit(limit);
        Instant now = clock.instant();
        SoonestDue first = new SoonestDue(limit);
        reading(() -> handoffs.forEachOpen(h -> {
            if ((partner == null || partner.equals(h.getSenderPartnerId()) || partner.equals(h.getReceiverPartnerId()))
                    && (wanted == null || h.getStatus() == wanted) && (!overdue || isOverdue(h, now))) {
                first.offer(summary(h, now));
            }
        }));
        return first.sorted();
    }

    /** Counts of every open handoff per receiver and status, and the {@code limit} soonest due, in one read. */
    public Digest digest(int limit) {
        checkLimit(limit);
        Instant now = clock.instant();
        SoonestDue first = new SoonestDue(limit);
        Map<String, Count> counts = new TreeMap<>();
        reading(() -> handoffs.forEachOpen(h -> {
            Summary s = summary(h, now);
            first.offer(s);
            counts.merge(s.receiverPartnerId() + "|" + s.status(), new Count(s.receiverPartnerId(), s.status(), 1, s.overdue() ? 1 : 0),
                    (a, b) -> new Count(a.receiver(), a.status(), a.open() + b.open(), a.overdue() + b.overdue()));
        }));
        return new Digest(List.copyOf(counts.values()), first.sorted(), counts.values().stream().mapToInt(c -> (int) c.open()).sum());
    }

    /** The {@code limit} soonest due of the summaries offered, without keeping the rest. */
    private static final class SoonestDue {

        private static final Comparator<Summary> ORDER = Comparator
                .comparing((Summary s) -> s.dueAt() == null ? Instant.MAX : s.dueAt()).thenComparing(Summary::handoffId);

        private final int limit;
        private final PriorityQueue<Summary> kept = new PriorityQueue<>(ORDER.reversed());

        SoonestDue(int limit) {
            this.limit = limit;
        }

        void offer(Summary s) {
            kept.offer(s);
            if (kept.size() > limit) {
                kept.poll(); // the latest due of those kept
            }
        }

        List<Summary> sorted() {
            return kept.stream().sorted(ORDER).toList();
        }
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be from 1 to " + MAX_LIMIT);
        }
    }

    private static boolean isOverdue(HandoffRecord h, Instant now) {
        return h.getDueAt() != null && !now.isBefore(h.getDueAt());
    }

    @GetMapping("/{handoffId}")
    public Detail one(@PathVariable String handoffId) {
        HandoffRecord h = answered(() -> handoffs.get(handoffId))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no handoff with that id"));
        return new Detail(summary(h, clock.instant()), h.getAccountable(), h.getReasonCode(), h.getSuggestedPartnerId(),
                h.getOutcomeCode(), h.getHistory().stream().map(t -> new Step(t.getStatus(), t.getAt(), t.getBy(), t.getMessageId())).toList());
    }

    private static void reading(Runnable read) {
        answered(() -> {
            read.run();
            return null;
        });
    }

    /** A hub still restoring its overview says so (503), rather than answering from part of it. */
    private static <T> T answered(java.util.function.Supplier<T> question) {
        try {
            return question.get();
        } catch (HandoffOverview.NotReady e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    private static Summary summary(HandoffRecord h, Instant now) {
        boolean overdue = isOverdue(h, now);
        return new Summary(h.getHandoffId(), h.getCorrelationId(), h.getSenderPartnerId(), h.getReceiverPartnerId(),
                h.getPolicyId(), h.getStatus(), FhirTaskStatus.of(h.getStatus()), h.getStatusSince(), h.getAwaitedStatus(),
                h.getDueAt(), overdue, List.copyOf(h.getEscalationsFired()));
    }

    private static HandoffStatus parseStatus(String status) {
        try {
            return HandoffStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown status; one of " + List.of(HandoffStatus.values()));
        }
    }
}
