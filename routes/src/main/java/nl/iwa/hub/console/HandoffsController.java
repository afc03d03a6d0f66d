package nl.iwa.hub.console;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.iwa.hub.web.HandoffQueryController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * Open handoffs for ops and the privacy officer: counts per receiver and status, then every open handoff, the
 * overdue ones first; and one handoff's history. Through the API's query controller: ids, codes and times only.
 */
@Controller
class HandoffsController {

    private final HandoffQueryController handoffs;

    HandoffsController(HandoffQueryController handoffs) {
        this.handoffs = handoffs;
    }

    /** How many handoffs a receiver has open in one status, and how many of those are overdue. */
    record Count(String receiver, String status, long open, long overdue) {
    }

    @GetMapping("/console/handoffs")
    String open(Model model) {
        List<HandoffQueryController.Summary> open = handoffs.open(null, null, false).stream()
                .sorted(Comparator.comparing((HandoffQueryController.Summary s) -> !s.overdue())
                        .thenComparing(s -> s.dueAt() == null ? java.time.Instant.MAX : s.dueAt()))
                .toList();
        Map<String, Count> counts = new TreeMap<>();
        for (HandoffQueryController.Summary s : open) {
            counts.merge(s.receiverPartnerId() + "|" + s.status(), new Count(s.receiverPartnerId(), s.status().name(), 1, s.overdue() ? 1 : 0),
                    (a, b) -> new Count(a.receiver(), a.status(), a.open() + b.open(), a.overdue() + b.overdue()));
        }
        model.addAttribute("counts", counts.values());
        model.addAttribute("handoffs", open);
        return "console/handoffs";
    }

    @GetMapping("/console/handoffs/{handoffId}")
    String one(@PathVariable String handoffId, Model model, HttpServletResponse response) {
        try {
            model.addAttribute("detail", handoffs.one(handoffId));
        } catch (ResponseStatusException notFound) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "console/not-found";
        }
        return "console/handoff";
    }
}
