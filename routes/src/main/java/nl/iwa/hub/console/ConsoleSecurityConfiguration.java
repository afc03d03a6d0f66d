package nl.iwa.hub.console;

import static nl.iwa.hub.web.SecurityConfiguration.OPS;
import static nl.iwa.hub.web.SecurityConfiguration.PRIVACY_OFFICER;

import jakarta.servlet.DispatcherType;
import nl.iwa.hub.web.LoginThrottle;
import nl.iwa.hub.web.OidcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The console's own filter chain, consulted before the API's for {@code /console/**} only, so the API stays
 * exactly as it is: stateless, Basic or bearer, CSRF off. A person in a browser is another client: a form login
 * with the same users and roles (and the same throttle on wrong passwords), a session cookie (HttpOnly,
 * SameSite=Strict, see application.yaml) and therefore CSRF tokens on every change. Where an identity
 * provider is configured for it, people can log in there instead ({@link ConsoleOidcLogin}), with the same roles
 * (its filters answer the start and the provider's redirect before the rules below). The pages of one role are
 * refused to the other with 403; nothing but the login page and its style sheet is open.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurityConfiguration {

    static final String LOGIN = "/console/login";

    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http, LoginThrottle throttle, ConsoleOidcLoginProperties oidcLogin,
                                OidcProperties oidc) throws Exception {
        http.securityMatcher("/console", "/console/**")
                .addFilterBefore(new FormLoginThrottle(throttle, LOGIN), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        // the refusal page a denial forwards to, and an error page: the request was judged already
                        .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
                        .requestMatchers(LOGIN, "/console/assets/**").permitAll()
                        // the privacy officer audits: the flows, the trail and residents' access requests
                        .requestMatchers("/console/flows", "/console/audit", "/console/audit/**",
                                "/console/subject-access", "/console/subject-access/**").hasRole(PRIVACY_OFFICER)
                        // both read handoffs; delivery and its replay button are ops' (the officer changes nothing)
                        .requestMatchers(HttpMethod.GET, "/console/handoffs", "/console/handoffs/**").hasAnyRole(OPS, PRIVACY_OFFICER)
                        .requestMatchers("/console/delivery", "/console/delivery/**").hasRole(OPS)
                        .requestMatchers(HttpMethod.GET, "/console", "/console/").hasAnyRole(OPS, PRIVACY_OFFICER)
                        .anyRequest().denyAll())
                .formLogin(f -> f.loginPage(LOGIN).defaultSuccessUrl("/console", true).failureUrl(LOGIN + "?error"))
                .logout(l -> l.logoutUrl("/console/logout").logoutSuccessUrl(LOGIN + "?logout"))
                .exceptionHandling(e -> e.accessDeniedPage("/console/denied"))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .headers(h -> h
                        // no inline script or style anywhere: what the pages need comes from /console/assets
                        .contentSecurityPolicy(c -> c.policyDirectives(
                                "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"))
                        .frameOptions(f -> f.deny())
                        // a page's address never leaves the hub in a Referer
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        if (oidcLogin.enabled()) {
            http.oauth2Login(new ConsoleOidcLogin(oidcLogin, oidc));
        }
        // CSRF stays on (Spring's default): the session cookie is a credential the browser adds by itself
        return http.build();
    }
}
