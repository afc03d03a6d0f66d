package nl.iwa.hub.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.handoff.FhirTaskStatus;
import nl.iwa.hub.handoff.HandoffStore;
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

    private final HandoffStore store;
    private final Clock clock;

    public HandoffQueryController(HandoffStore store, Clock clock) {
        this.store = store;
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

    /** Open handoffs, oldest due first; filters combine. */
    @GetMapping
    public List<Summary> open(@RequestParam(required = false) String partner,
                              @RequestParam(required = false) String status,
                              @RequestParam(defaultValue = "false") boolean overdue) {
        HandoffStatus wanted = status == null ? null : parseStatus(status);
        Instant now = clock.instant();
        return store.open().stream()
                .filter(h -> partner == null || partner.equals(h.getSenderPartnerId()) || partner.equals(h.getReceiverPartnerId()))
                .filter(h -> wanted == null || h.getStatus() == wanted)
                .map(h -> summary(h, now))
                .filter(s -> !overdue || s.overdue())
                .sorted(Comparator.comparing((Summary s) -> s.dueAt() == null ? Instant.MAX : s.dueAt()))
                .toList();
    }

    @GetMapping("/{handoffId}")
    public Detail one(@PathVariable String handoffId) {
        HandoffRecord h = store.get(handoffId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no handoff with that id"));
        return new Detail(summary(h, clock.instant()), h.getAccountable(), h.getReasonCode(), h.getSuggestedPartnerId(),
                h.getOutcomeCode(), h.getHistory().stream().map(t -> new Step(t.getStatus(), t.getAt(), t.getBy(), t.getMessageId())).toList());
    }

    private static Summary summary(HandoffRecord h, Instant now) {
        boolean overdue = h.getDueAt() != null && !now.isBefore(h.getDueAt());
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
