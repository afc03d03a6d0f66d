package nl.iwa.hub.web;

import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bearer tokens from an OIDC identity provider, beside the local users. Off unless {@code issuerUri} or
 * {@code jwkSetUri} is set; then {@code audience} is required. With only {@code issuerUri} the keys are found
 * through the provider's discovery document (fetched at the first token, not at start-up); with
 * {@code jwkSetUri} they are fetched from there. The issuer is checked whenever {@code issuerUri} is set.
 *
 * @param rolesClaim  the claim holding the user's roles or groups, a dotted path into nested claims
 *                    ({@code realm_access.roles} for Keycloak); a list of strings or a single string
 * @param roleMapping claim value to hub role ({@link SecurityConfiguration#PRIVACY_OFFICER},
 *                    {@link SecurityConfiguration#OPS} or {@link SecurityConfiguration#STEERING_GROUP}); when set it
 *                    replaces the default, in which the values PRIVACY_OFFICER, OPS and STEERING_GROUP map to
 *                    themselves; other values give no role
 */
@ConfigurationProperties("iwa.security.oidc")
public record OidcProperties(String issuerUri, String jwkSetUri, String audience,
                             @DefaultValue("roles") String rolesClaim, Map<String, String> roleMapping) {

    private static final Set<String> HUB_ROLES = Set.of(SecurityConfiguration.PRIVACY_OFFICER, SecurityConfiguration.OPS,
            SecurityConfiguration.STEERING_GROUP);

    public OidcProperties {
        issuerUri = blankToNull(issuerUri);
        jwkSetUri = blankToNull(jwkSetUri);
        roleMapping = roleMapping == null || roleMapping.isEmpty()
                ? Map.of(SecurityConfiguration.PRIVACY_OFFICER, SecurityConfiguration.PRIVACY_OFFICER,
                        SecurityConfiguration.OPS, SecurityConfiguration.OPS,
                        SecurityConfiguration.STEERING_GROUP, SecurityConfiguration.STEERING_GROUP)
                : Map.copyOf(roleMapping);
        if (rolesClaim == null || rolesClaim.isBlank()) {
            throw new IllegalArgumentException("roles-claim must name a claim");
        }
        for (String role : roleMapping.values()) {
            if (!HUB_ROLES.contains(role)) {
                throw new IllegalArgumentException("role-mapping maps to '" + role + "'; the hub's roles are " + HUB_ROLES);
            }
        }
        if ((issuerUri != null || jwkSetUri != null) && (audience == null || audience.isBlank())) {
            throw new IllegalArgumentException("audience must be set when issuer-uri or jwk-set-uri is: "
                    + "a token the identity provider issued for another application must not open the hub");
        }
    }

    public boolean enabled() {
        return issuerUri != null || jwkSetUri != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
