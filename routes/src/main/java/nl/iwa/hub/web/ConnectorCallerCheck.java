package nl.iwa.hub.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One caller per request to the connect API, from its credentials only. Runs after the security chain's own
 * authentication (client certificate by x509(), bearer token, Basic), before the authorisation rules:
 * <ul>
 *   <li>{@code Fsc-Authorization} is read only when the TLS client is the hub's FSC Inway, and only once
 *       {@link FscAccessTokens} verified it; from any other client it is refused (403), a bad token with 401;</li>
 *   <li>a client certificate that names no partner (no OIN, or an OIN no partner registered) is refused (403), even
 *       beside a good token: the caller said who it is and it is nobody;</li>
 *   <li>credentials that name different callers (a certificate and a token of two partners, a staff token and a
 *       partner's certificate, an FSC consumer and a token) are refused (403): the hub never picks one.</li>
 * </ul>
 * Every refusal is an RFC 9457 problem that names the credential, never its value.
 */
final class ConnectorCallerCheck extends OncePerRequestFilter {

    static final String FSC_AUTHORIZATION = "Fsc-Authorization";
    private static final String CONNECT = "/api/connect/";
    private static final Logger log = LoggerFactory.getLogger(ConnectorCallerCheck.class);

    private final PartnerCertificates certificates;
    /** Null when no FSC Inway is configured: then every Fsc-Authorization is refused. */
    private final FscAccessTokens fscTokens;
    private final ObjectMapper json;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ConnectorCallerCheck(PartnerCertificates certificates, FscAccessTokens fscTokens, ObjectMapper json) {
        this.certificates = certificates;
        this.fscTokens = fscTokens;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // the OpenAPI document is open to anyone and reads no credential
        return !path.startsWith(CONNECT) || path.endsWith("/openapi.yaml") && "GET".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        X509Certificate certificate = clientCertificate(request);
        PartnerCertificates.Caller byCertificate = certificate == null ? null : certificates.of(certificate);
        Authentication current = contexts.getContext().getAuthentication();
        Set<String> callers = new LinkedHashSet<>();

        String fsc = request.getHeader(FSC_AUTHORIZATION);
        String fscPartner = null;
        if (fsc != null) {
            if (!(byCertificate instanceof PartnerCertificates.Inway) || fscTokens == null) {
                refuse(request, response, HttpStatus.FORBIDDEN, null,
                        "the Fsc-Authorization header is accepted only from the hub's FSC Inway");
                return;
            }
            String oin;
            try {
                oin = fscTokens.consumerOin(fsc);
            } catch (FscAccessTokens.Refused refused) {
                refuse(request, response, HttpStatus.UNAUTHORIZED, refused.getMessage(), refused.getMessage());
                return;
            }
            fscPartner = certificates.partnerOfOin(oin).orElse(null);
            if (fscPartner == null) {
                refuse(request, response, HttpStatus.FORBIDDEN, null,
                        "the FSC consumer (the token's sub) is no partner registered for REST");
                return;
            }
            callers.add(BearerTokenRoles.PARTNER_PREFIX + fscPartner);
        }
        if (byCertificate instanceof PartnerCertificates.Inway && fscPartner == null && !(current instanceof JwtAuthenticationToken)) {
            // the Inway is nobody's system itself: it names the consumer in Fsc-Authorization (or passes its OAuth2 token)
            refuse(request, response, HttpStatus.FORBIDDEN, null,
                    "a request through the FSC Inway must carry the consumer's access token in Fsc-Authorization");
            return;
        }
        if (byCertificate instanceof PartnerCertificates.Nobody) {
            refuse(request, response, HttpStatus.FORBIDDEN, null,
                    "the client certificate names no partner registered for REST (its subject's serialNumber, the OIN)");
            return;
        }
        if (byCertificate instanceof PartnerCertificates.PartnerCaller p) {
            callers.add(BearerTokenRoles.PARTNER_PREFIX + p.partnerId());
        }
        if (current instanceof JwtAuthenticationToken token) {
            callers.add(token.getName());
        } else if (current != null && !(current instanceof PreAuthenticatedAuthenticationToken) && current.isAuthenticated()) {
            callers.add(current.getName()); // a Basic user: staff, never a partner
        }
        if (callers.size() > 1) {
            refuse(request, response, HttpStatus.FORBIDDEN, null,
                    "the credentials of this request (client certificate, token, Fsc-Authorization) name different callers");
            return;
        }
        if (fscPartner != null) {
            SecurityContext context = contexts.createEmptyContext();
            User partner = new User(BearerTokenRoles.PARTNER_PREFIX + fscPartner, "",
                    Set.of(new SimpleGrantedAuthority("ROLE_" + BearerTokenRoles.PARTNER)));
            context.setAuthentication(new PreAuthenticatedAuthenticationToken(partner, null, partner.getAuthorities()));
            contexts.setContext(context);
        }
        chain.doFilter(request, response);
    }

    static X509Certificate clientCertificate(HttpServletRequest request) {
        Object chain = request.getAttribute("jakarta.servlet.request.X509Certificate");
        return chain instanceof X509Certificate[] certificates && certificates.length > 0 ? certificates[0] : null;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String bearerError,
                        String detail) throws IOException {
        log.info("connect API caller refused with {}: {}", status.value(), detail);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        if (bearerError != null) {
            // FSC: a missing, invalid or expired access token is answered with WWW-Authenticate: Bearer
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\""
                    + bearerError.replace("\"", "'") + "\"");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
