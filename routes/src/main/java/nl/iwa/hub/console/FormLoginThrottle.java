package nl.iwa.hub.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import nl.iwa.hub.web.LoginThrottle;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API's {@link LoginThrottle} for the login form: a user name locked out there is locked out here (the wrong
 * passwords of both count together, through the authentication events the throttle listens to), and the form
 * says so instead of checking the password.
 */
final class FormLoginThrottle extends OncePerRequestFilter {

    private final LoginThrottle throttle;
    private final String loginPath;

    FormLoginThrottle(LoginThrottle throttle, String loginPath) {
        this.throttle = throttle;
        this.loginPath = loginPath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !(request.getContextPath() + loginPath).equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = request.getParameter("username");
        if (user != null && throttle.lockedFor(user).isPresent()) {
            response.setHeader("Retry-After", Long.toString(throttle.lockedFor(user).get().toSeconds()));
            response.sendRedirect(request.getContextPath() + loginPath + "?locked");
            return;
        }
        chain.doFilter(request, response);
    }
}
