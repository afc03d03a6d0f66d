package nl.iwa.hub.console;

import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.web.PrivacyOfficerController;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The audit trail for the privacy officer: a search by partner, period (whole days, UTC), decision and case id,
 * paged with the API's opaque cursor, and a verification of the chains and seals with its outcome in words. All
 * parameters are ids, codes and dates, so a GET is fine; the search is the API's, audited there.
 */
@Controller
class AuditController {

    static final int PAGE = 50;

    private final PrivacyOfficerController privacy;

    AuditController(PrivacyOfficerController privacy) {
        this.privacy = privacy;
    }

    @GetMapping("/console/audit")
    String search(@RequestParam(required = false) String partner, @RequestParam(required = false) String from,
                  @RequestParam(required = false) String until, @RequestParam(required = false) String decision,
                  @RequestParam(required = false) String caseId, @RequestParam(required = false) String after,
                  Principal who, Model model) {
        model.addAttribute("decisions", List.of(Decision.values()));
        model.addAttribute("partner", partner);
        model.addAttribute("from", from);
        model.addAttribute("until", until);
        model.addAttribute("decision", decision);
        model.addAttribute("caseId", caseId);
        try {
            model.addAttribute("page", privacy.search(blank(partner), startOf(from, 0), startOf(until, 1), blank(decision),
                    blank(caseId), blank(after), PAGE, who));
        } catch (ResponseStatusException refused) {
            model.addAttribute("problem", refused.getReason());
        }
        return "console/audit";
    }

    @GetMapping("/console/audit/verify")
    String verify(Model model) {
        model.addAttribute("verification", privacy.verify());
        return "console/audit-verify";
    }

    /** The start of a day (UTC), or of the day after it for an inclusive "until". */
    private static Instant startOf(String day, int plusDays) {
        if (blank(day) == null) {
            return null;
        }
        try {
            return LocalDate.parse(day.trim()).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST, "a period is given in dates: yyyy-mm-dd");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
