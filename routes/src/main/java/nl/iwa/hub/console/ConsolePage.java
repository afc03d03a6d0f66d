package nl.iwa.hub.console;

import static nl.iwa.hub.web.SecurityConfiguration.OPS;
import static nl.iwa.hub.web.SecurityConfiguration.PRIVACY_OFFICER;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the shared layout needs on every console page: who is logged in, which role's pages the navigation shows,
 * and the page's own path for the language switch (a path only: the query of a search is not repeated).
 */
@ControllerAdvice(basePackageClasses = ConsolePage.class)
class ConsolePage {

    record Viewer(String name, boolean privacyOfficer, boolean ops) {
    }

    @ModelAttribute("viewer")
    Viewer viewer(Authentication who) {
        if (who == null) {
            return null;
        }
        return new Viewer(who.getName(), has(who, PRIVACY_OFFICER), has(who, OPS));
    }

    /** Times as the pages show them: to the minute, in UTC, said so (the hub's clock and the trail are UTC). */
    public static final class Times {
        private static final java.time.format.DateTimeFormatter MINUTE =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

        public String of(java.time.Instant t) {
            return t == null ? "" : MINUTE.format(t);
        }
    }

    @ModelAttribute("times")
    Times times() {
        return new Times();
    }

    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static boolean has(Authentication who, String role) {
        return who.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(("ROLE_" + role)::equals);
    }
}
