package nl.iwa.hub.web;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A validated token becomes a user of the hub: named {@value #PRINCIPAL_PREFIX} + its {@code sub} (the name
 * audit records give as actor; the prefix keeps a subject apart from a local user of the same name), with the
 * hub roles its roles claim maps to. Values the mapping does not know give no role, so a token of the right
 * provider and audience but without a hub role is authenticated and still refused everything (403).
 */
public final class BearerTokenRoles implements Converter<Jwt, AbstractAuthenticationToken> {

    public static final String PRINCIPAL_PREFIX = "oidc:";
    /** A partner's system, named by its OAuth2 client: {@value} + the partner id. */
    public static final String PARTNER_PREFIX = "partner:";
    public static final String PARTNER = "PARTNER";

    private final String rolesClaim;
    private final Map<String, String> roleMapping;
    private final Function<String, Optional<String>> partnerOfClient;

    public BearerTokenRoles(String rolesClaim, Map<String, String> roleMapping) {
        this(rolesClaim, roleMapping, client -> Optional.empty());
    }

    /**
     * @param partnerOfClient the partner whose {@code connectors.rest.clientId} a token's client is: such a token
     *                        (OAuth2 client credentials) is that partner's system, with role PARTNER and nothing else
     */
    public BearerTokenRoles(String rolesClaim, Map<String, String> roleMapping, Function<String, Optional<String>> partnerOfClient) {
        this.rolesClaim = rolesClaim;
        this.roleMapping = Map.copyOf(roleMapping);
        this.partnerOfClient = partnerOfClient;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Optional<String> partner = clientOf(jwt).flatMap(partnerOfClient);
        if (partner.isPresent()) {
            return new JwtAuthenticationToken(jwt, Set.of(new SimpleGrantedAuthority("ROLE_" + PARTNER)), PARTNER_PREFIX + partner.get());
        }
        return new JwtAuthenticationToken(jwt, authorities(jwt.getClaims()), PRINCIPAL_PREFIX + jwt.getSubject());
    }

    /** The OAuth2 client the token was issued to: {@code azp} (OIDC, Keycloak) or {@code client_id} (RFC 9068). */
    private static Optional<String> clientOf(Jwt jwt) {
        String azp = jwt.getClaimAsString("azp");
        return Optional.ofNullable(azp != null ? azp : jwt.getClaimAsString("client_id"));
    }

    /** The hub roles a token's (or an ID token's) claims map to; none when the mapping knows no value. */
    public Set<GrantedAuthority> authorities(Map<String, Object> claims) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (Object value : values(claim(claims))) {
            String role = value instanceof String s ? roleMapping.get(s) : null;
            if (role != null) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
            }
        }
        return authorities;
    }

    /** The claim by its full name first (namespaced claims contain dots), else by its dotted path. */
    private Object claim(Map<String, Object> claims) {
        if (claims.containsKey(rolesClaim)) {
            return claims.get(rolesClaim);
        }
        Object node = claims;
        for (String step : rolesClaim.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(step);
        }
        return node;
    }

    private static Collection<?> values(Object claim) {
        if (claim instanceof Collection<?> c) {
            return c;
        }
        return claim instanceof String s ? List.of(s) : List.of();
    }
}
