package nl.iwa.hub.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Changes to the API must come in a form a browser cannot send cross-site without asking first (the why is in
 * {@link SecurityConfiguration}): a body is JSON ({@code application/json} or {@code application/*+json}),
 * declared so, else 415 before any controller runs. A request without a body needs no type, but one that
 * declares a type declares JSON: an empty HTML form posts {@code application/x-www-form-urlencoded}. And a
 * change sent from a web page at all (it carries {@code Origin}; scripts and services send none) is refused
 * with 403: the hub serves no pages, and a script on someone else's page can POST without a body or a type.
 */
@Component
public class CrossSiteRequestGuard extends OncePerRequestFilter {

    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final ObjectMapper json;

    public CrossSiteRequestGuard(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !CHANGING.contains(request.getMethod())
                || !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader("Origin") != null) {
            refuse(request, response, HttpStatus.FORBIDDEN,
                    "changes are not accepted from web pages; the API is for scripts and services");
            return;
        }
        String type = request.getContentType();
        boolean body = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if ((body || type != null) && !isJson(type)) {
            refuse(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "a request body must be JSON, sent with Content-Type: application/json");
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return "application".equals(type.getType())
                    && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
