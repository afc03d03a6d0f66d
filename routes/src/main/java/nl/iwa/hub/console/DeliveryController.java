package nl.iwa.hub.console;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import nl.iwa.hub.deadletter.DeadLetter;
import nl.iwa.hub.deadletter.DeadLetterReplay;
import nl.iwa.hub.deadletter.ReplayRefusedException;
import nl.iwa.hub.observability.DeliveryFigures;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Ops' view of delivery: per partner what came in and went out, what was not passed on and why, the inbox
 * backlog and dead letters; and the replay of one dead letter in three steps (the button, a confirmation page,
 * the POST) through the same service as the API, which audits who replayed it.
 */
@Controller
class DeliveryController {

    private final DeliveryFigures figures;
    private final PartnerDirectory partners;
    private final DeadLetterReplay deadLetters;

    DeliveryController(DeliveryFigures figures, PartnerDirectory partners, DeadLetterReplay deadLetters) {
        this.figures = figures;
        this.partners = partners;
        this.deadLetters = deadLetters;
    }

    @GetMapping("/console/delivery")
    String delivery(Model model) {
        model.addAttribute("partners", figures.perPartner(partners.all().stream().map(Partner::id).toList()));
        model.addAttribute("rejections", figures.rejections());
        model.addAttribute("deadLetters", newestFirst(deadLetters.list()));
        return "console/delivery";
    }

    /** The confirmation: what will be replayed, and a form that POSTs (with the CSRF token) to do it. */
    @GetMapping("/console/delivery/dead-letters/{partition}/{offset}")
    String confirm(@PathVariable int partition, @PathVariable long offset, Model model, HttpServletResponse response) {
        DeadLetter found = deadLetters.list().stream().filter(d -> d.partition() == partition && d.offset() == offset)
                .findFirst().orElse(null);
        if (found == null) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "console/not-found";
        }
        model.addAttribute("deadLetter", found);
        return "console/replay-confirm";
    }

    @PostMapping("/console/delivery/dead-letters/{partition}/{offset}/replay")
    String replay(@PathVariable int partition, @PathVariable long offset, Principal who, Model model,
                  HttpServletResponse response) {
        model.addAttribute("key", partition + "/" + offset);
        try {
            model.addAttribute("replayed", deadLetters.replay(partition, offset, who.getName()));
        } catch (ReplayRefusedException e) {
            HttpStatus status = switch (e.why()) {
                case NOT_FOUND -> HttpStatus.NOT_FOUND;
                case ALREADY_REPLAYED -> HttpStatus.CONFLICT;
                case NOT_REPLAYABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            };
            response.setStatus(status.value());
            model.addAttribute("refused", e.why().name());
            model.addAttribute("refusal", e.getMessage());
        }
        return "console/replay-result";
    }

    private static java.util.List<DeadLetter> newestFirst(java.util.List<DeadLetter> oldestFirst) {
        java.util.List<DeadLetter> list = new java.util.ArrayList<>(oldestFirst);
        java.util.Collections.reverse(list);
        return list;
    }
}
