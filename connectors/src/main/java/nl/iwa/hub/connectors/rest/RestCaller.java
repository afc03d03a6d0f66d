package nl.iwa.hub.connectors.rest;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * The partner a REST caller authenticated as, from the servlet request's user principal, which the hub's security
 * chain set from a verified credential (a partner's OAuth2 client token, its client certificate, or an FSC access
 * token forwarded by the hub's Inway: user {@value #PARTNER_PREFIX}{@code <id>}, role {@value #PARTNER_ROLE}). Nothing a client sends in a header or body can set it. Camel runs platform-http
 * routes on a task executor, not the request thread: the hub gives Camel one that carries the request's security
 * context along (Spring Security's DelegatingSecurityContextAsyncTaskExecutor), without which the principal is
 * absent here and every request is refused.
 */
final class RestCaller {

    static final String PARTNER_PREFIX = "partner:";
    static final String PARTNER_ROLE = "PARTNER";

    private RestCaller() {
    }

    /** The partner id, or null if the caller is not a partner's system. */
    static String partnerOf(Exchange exchange) {
        if (!(exchange.getIn() instanceof PlatformHttpMessage message) || message.getRequest() == null) {
            return null;
        }
        HttpServletRequest request = message.getRequest();
        Principal user = request.getUserPrincipal();
        if (user == null || user.getName() == null || !user.getName().startsWith(PARTNER_PREFIX)
                || !request.isUserInRole(PARTNER_ROLE)) {
            return null;
        }
        return user.getName().substring(PARTNER_PREFIX.length());
    }
}
