package nl.iwa.hub.console;

import jakarta.servlet.http.HttpServletResponse;
import nl.iwa.hub.web.HandoffQueryController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * Open handoffs for ops and the privacy officer: counts per receiver and status, then the open handoffs, the
 * overdue ones first (the 500 soonest due); and one handoff's history. Through the API's query controller: ids, codes and times only.
 */
@Controller
class HandoffsController {

    private final HandoffQueryController handoffs;

    HandoffsController(HandoffQueryController handoffs) {
        this.handoffs = handoffs;
    }

    /** The most open handoffs the page lists; the counts cover all of them. */
    static final int LISTED = 500;

    @GetMapping("/console/handoffs")
    String open(Model model) {
        HandoffQueryController.Digest digest = handoffs.digest(LISTED);
        model.addAttribute("counts", digest.counts());
        model.addAttribute("handoffs", digest.soonestDue());
        model.addAttribute("open", digest.open());
        return "console/handoffs";
    }

    @GetMapping("/console/handoffs/{handoffId}")
    String one(@PathVariable String handoffId, Model model, HttpServletResponse response) {
        try {
            model.addAttribute("detail", handoffs.one(handoffId));
        } catch (ResponseStatusException notFound) {
            if (notFound.getStatusCode() != HttpStatus.NOT_FOUND) {
                throw notFound;
            }
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "console/not-found";
        }
        return "console/handoff";
    }
}
