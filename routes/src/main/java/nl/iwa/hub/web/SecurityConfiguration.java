package nl.iwa.hub.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import nl.iwa.hub.config.HubProperties;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may ask what. The privacy officer (role PRIVACY_OFFICER) reads policies, audit and subject access
 * reports and reads delivery state, and changes nothing; ops (role OPS) read handoff and delivery state and
 * metrics, and replay dead letters. Health and the Prometheus scrape stay open: they
 * hold partner ids and counts only. The roles are the contract: a user is either a local one (HTTP Basic,
 * {@link HubProperties.Security}) or the subject of an OIDC bearer token whose roles claim maps onto them
 * ({@link OidcProperties}, {@link BearerTokenRoles}); the rules below do not know which.
 *
 * <p>Why CSRF protection is off, and what stands in for it: the API keeps no session and sets no cookie, so
 * the one credential a browser adds by itself is a cached Basic login (a bearer token it never adds). A page
 * elsewhere can make a browser send a "simple" cross-site request without asking first: a form or script POST
 * with {@code text/plain}, {@code application/x-www-form-urlencoded} or {@code multipart/form-data}, or with
 * no body at all. So {@link CrossSiteRequestGuard} refuses changes whose body is not declared JSON (415) and
 * changes from web pages at all (they carry {@code Origin}); and a JSON request from another origin needs a
 * CORS preflight, which the hub always refuses and never answers with an {@code Access-Control-Allow-*}
 * header: there is no CORS configuration, on purpose (the only {@code Vary} is the one Spring puts on that
 * refusal). Do not add {@code http.cors()} or {@code @CrossOrigin}: that would let pages elsewhere read the
 * answers with the user's credentials.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    public static final String PRIVACY_OFFICER = "PRIVACY_OFFICER";
    public static final String OPS = "OPS";
    /** The steering group: the k-anonymous impact figures, and nothing else. */
    public static final String STEERING_GROUP = "STEERING_GROUP";

    /** A bean (for its event listeners), placed in the security chain below, not in the servlet chain. */
    @Bean
    LoginThrottle loginThrottle(Clock clock) {
        return new LoginThrottle(clock);
    }

    @Bean
    FilterRegistrationBean<LoginThrottle> loginThrottleOutsideTheSecurityChain(LoginThrottle throttle) {
        FilterRegistrationBean<LoginThrottle> registration = new FilterRegistrationBean<>(throttle);
        registration.setEnabled(false);
        return registration;
    }

    /** Who a client certificate is; checked against the server's TLS settings first (a clear error when half set up). */
    @Bean
    PartnerCertificates partnerCertificates(nl.iwa.hub.partners.PartnerDirectory partners, FscProperties fsc,
                                            ServerProperties server, SslBundles bundles) {
        ClientCertificateSetup.check(server, bundles, partners, fsc);
        return new PartnerCertificates(partners, fsc);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, LoginThrottle throttle, OidcProperties oidc,
                            nl.iwa.hub.partners.PartnerDirectory partners, PartnerCertificates certificates,
                            FscProperties fsc, ObjectMapper json) throws Exception {
        // the throttle counts wrong passwords per user name; a bearer token names no user and passes it untouched
        http.addFilterBefore(throttle, BasicAuthenticationFilter.class);
        http.authorizeHttpRequests(a -> a
                        // the error page of a request already authorised: without this a 404 or 409 turns into 403
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        // partners' systems (connectors): only their own API, which serves only their own data
                        .requestMatchers(HttpMethod.GET, "/api/connect/v1/openapi.yaml").permitAll()
                        .requestMatchers("/api/connect/**").hasRole(BearerTokenRoles.PARTNER)
                        .requestMatchers("/api/privacy/**").hasRole(PRIVACY_OFFICER)
                        // reading delivery state is for both; changing anything (a replay) is ops' alone: the privacy
                        // officer audits and changes nothing
                        .requestMatchers(HttpMethod.GET, "/api/ops/**").hasAnyRole(OPS, PRIVACY_OFFICER)
                        .requestMatchers("/api/ops/**").hasRole(OPS)
                        .requestMatchers("/actuator/**").hasAnyRole(OPS, PRIVACY_OFFICER)
                        // aggregate figures for steering: neither ops nor the privacy officer need them for their work
                        .requestMatchers(HttpMethod.GET, "/api/impact").hasRole(STEERING_GROUP)
                        .anyRequest().denyAll())
                // a client certificate the TLS handshake verified against the client trust store: its OIN names a
                // partner (connectors.rest.certificateOin) or the FSC Inway; any other certificate authenticates nobody
                .x509(x -> x.x509PrincipalExtractor(new CertificateOin()).authenticationUserDetailsService(certificates))
                // Basic first: its challenge stays the one an anonymous request gets
                .httpBasic(Customizer.withDefaults())
                // off without an identity provider: then any bearer token is refused, never ignored
                .oauth2ResourceServer(o -> o
                        .jwt(jwt -> jwt.decoder(BearerTokenDecoders.of(oidc))
                                .jwtAuthenticationConverter(new BearerTokenRoles(oidc.rolesClaim(), oidc.roleMapping(),
                                        client -> partners.all().stream().filter(p -> p.connectors() != null
                                                && p.connectors().rest() != null && client.equals(p.connectors().rest().clientId()))
                                                .map(nl.iwa.hub.partners.Partner::id).findFirst())))
                        .authenticationEntryPoint(new BearerTokenRefusal()))
                // one 403 for every user, as before tokens: a status and Spring's error body, no challenge
                .exceptionHandling(e -> e.accessDeniedHandler(new AccessDeniedHandlerImpl()))
                // a stateless API for machines and scripts: no session, no cookie, so no CSRF token to check (see above)
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        // after every authentication filter, before the rules: one caller per request, Fsc-Authorization only from the Inway
        http.addFilterAfter(new ConnectorCallerCheck(certificates,
                fsc.enabled() ? new FscAccessTokens(fsc, Clock.systemUTC()) : null, json), BasicAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(HubProperties props, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        String officer = props.security().privacyOfficerPassword();
        if (officer != null && !officer.isBlank()) {
            users.add(User.withUsername("privacy-officer").password(encoder.encode(officer)).roles(PRIVACY_OFFICER).build());
        }
        String ops = props.security().opsPassword();
        if (ops != null && !ops.isBlank()) {
            users.add(User.withUsername("ops").password(encoder.encode(ops)).roles(OPS).build());
        }
        String steering = props.security().steeringGroupPassword();
        if (steering != null && !steering.isBlank()) {
            users.add(User.withUsername("steering-group").password(encoder.encode(steering)).roles(STEERING_GROUP).build());
        }
        return new InMemoryUserDetailsManager(users);
    }
}
