package nl.iwa.hub.console;

import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import nl.iwa.hub.privacy.SubjectAccessReport;
import nl.iwa.hub.web.PrivacyOfficerController;
import nl.iwa.hub.web.PrivacyOfficerController.SubjectQuery;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * A resident's access request, answered by the privacy officer: who the resident is travels only in POST bodies
 * (never in an address, a title or the history), the answer is the API's report, audited as a lookup there,
 * shown as a table that prints as a report, or downloaded as CSV.
 */
@Controller
class SubjectAccessController {

    private final PrivacyOfficerController privacy;

    SubjectAccessController(PrivacyOfficerController privacy) {
        this.privacy = privacy;
    }

    /**
     * The form as posted; blank fields are no fields. A bean, not a record: the form's fields are bound and shown
     * again (for the CSV download) through its getters. The birth date comes from an {@code <input type="date">}.
     */
    public static final class Request {
        private String bsn;
        private String givenName;
        private String familyName;
        private String birthDate;
        private String postcode;

        SubjectQuery query() {
            LocalDate born;
            try {
                born = blank(birthDate) == null ? null : LocalDate.parse(birthDate.trim());
            } catch (DateTimeParseException e) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "birthDate is a date: yyyy-mm-dd");
            }
            return new SubjectQuery(blank(bsn), blank(givenName), blank(familyName), born, blank(postcode));
        }

        private static String blank(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }

        public String getBsn() {
            return bsn;
        }

        public void setBsn(String bsn) {
            this.bsn = bsn;
        }

        public String getGivenName() {
            return givenName;
        }

        public void setGivenName(String givenName) {
            this.givenName = givenName;
        }

        public String getFamilyName() {
            return familyName;
        }

        public void setFamilyName(String familyName) {
            this.familyName = familyName;
        }

        public String getBirthDate() {
            return birthDate;
        }

        public void setBirthDate(String birthDate) {
            this.birthDate = birthDate;
        }

        public String getPostcode() {
            return postcode;
        }

        public void setPostcode(String postcode) {
            this.postcode = postcode;
        }
    }

    @GetMapping("/console/subject-access")
    String form(Model model) {
        model.addAttribute("request", new Request());
        return "console/subject-access";
    }

    @PostMapping("/console/subject-access")
    String report(@ModelAttribute("request") Request request, Principal who, Model model) {
        try {
            @SuppressWarnings("unchecked")
            List<SubjectAccessReport.Flow> flows = (List<SubjectAccessReport.Flow>) privacy
                    .subjectAccess(request.query(), "json", who).getBody();
            model.addAttribute("flows", flows);
        } catch (ResponseStatusException refused) {
            // the API's reasons name the fields that are missing or wrong, never their values
            model.addAttribute("problem", refused.getReason());
        }
        return "console/subject-access";
    }

    @PostMapping("/console/subject-access/csv")
    ResponseEntity<?> csv(@ModelAttribute("request") Request request, Principal who) {
        return privacy.subjectAccess(request.query(), "csv", who);
    }
}
