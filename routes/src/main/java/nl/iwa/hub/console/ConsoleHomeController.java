package nl.iwa.hub.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The login form, the start page (the viewer's pages, as in the navigation) and the page a refusal shows. */
@Controller
class ConsoleHomeController {

    @GetMapping(ConsoleSecurityConfiguration.LOGIN)
    String login() {
        return "console/login";
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
