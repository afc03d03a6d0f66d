package nl.iwa.hub.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The login form, the start page (the viewer's pages, as in the navigation) and the page a refusal shows. */
@Controller
class ConsoleHomeController {

    private final ConsoleOidcLoginProperties oidcLogin;

    ConsoleHomeController(ConsoleOidcLoginProperties oidcLogin) {
        this.oidcLogin = oidcLogin;
    }

    @GetMapping(ConsoleSecurityConfiguration.LOGIN)
    String login(org.springframework.ui.Model model) {
        // the link to the identity provider, where one is configured for the console
        model.addAttribute("oidcLogin", oidcLogin.enabled() ? ConsoleOidcLogin.startPath() : null);
        return "console/login";
    }

    /** Reached by a forward from a login through the identity provider only (see ConsoleOidcLogin). */
    @GetMapping(ConsoleOidcLogin.LOGGED_IN)
    String loggedIn() {
        return "console/logged-in";
    }

    @GetMapping({"/console", "/console/"})
    String home() {
        return "console/home";
    }

    /**
     * Forwarded to by the console chain's access-denied handling, with the 403 already set, from a request of any
     * method (a POST without its CSRF token too).
     */
    @RequestMapping("/console/denied")
    String denied() {
        return "console/denied";
    }
}
