package nl.iwa.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** The roles claim onto the hub's two roles: paths, shapes, and values nobody mapped. */
class BearerTokenRolesTest {

    private static final Map<String, String> DEFAULT = new OidcProperties(null, null, null, "roles", null).roleMapping();

    private static List<String> roles(String claim, Map<String, String> mapping, Map<String, Object> claims) {
        return new BearerTokenRoles(claim, mapping).authorities(claims).stream().map(GrantedAuthority::getAuthority).toList();
    }

    @Test
    void byDefaultTheHubsRoleNamesMapToThemselvesAndNothingElseGivesARole() {
        assertThat(roles("roles", DEFAULT, Map.of("roles", List.of("OPS", "PRIVACY_OFFICER", "ADMIN", "ops"))))
                .containsExactlyInAnyOrder("ROLE_OPS", "ROLE_PRIVACY_OFFICER");
    }

    @Test
    void aDottedPathReadsANestedClaimAsKeycloakPutsIt() {
        Map<String, Object> claims = Map.of("realm_access", Map.of("roles", List.of("offline_access", "OPS")));

        assertThat(roles("realm_access.roles", DEFAULT, claims)).containsExactly("ROLE_OPS");
        assertThat(roles("realm_access.groups", DEFAULT, claims)).isEmpty();
        assertThat(roles("realm_access.roles.deeper", DEFAULT, claims)).isEmpty();
    }

    @Test
    void aClaimWhoseNameHasDotsIsFoundByItsFullName() {
        Map<String, Object> claims = Map.of("https://iwa.example/roles", List.of("PRIVACY_OFFICER"));

        assertThat(roles("https://iwa.example/roles", DEFAULT, claims)).containsExactly("ROLE_PRIVACY_OFFICER");
    }

    @Test
    void aSingleStringCountsAsOneValueAndOtherShapesAsNone() {
        assertThat(roles("roles", DEFAULT, Map.of("roles", "OPS"))).containsExactly("ROLE_OPS");
        assertThat(roles("roles", DEFAULT, Map.of("roles", "OPS PRIVACY_OFFICER"))).isEmpty();
        assertThat(roles("roles", DEFAULT, Map.of("roles", 7))).isEmpty();
        assertThat(roles("roles", DEFAULT, Map.of("roles", Map.of("OPS", true)))).isEmpty();
        assertThat(roles("roles", DEFAULT, Map.of("roles", List.of(1, Map.of(), "OPS")))).containsExactly("ROLE_OPS");
        assertThat(roles("roles", DEFAULT, Map.of())).isEmpty();
    }

    @Test
    void aConfiguredMappingReplacesTheDefault() {
        Map<String, String> mapping = new OidcProperties(null, null, null, "groups",
                Map.of("fg-team", "PRIVACY_OFFICER", "/iwa/beheer", "OPS")).roleMapping();

        assertThat(roles("groups", mapping, Map.of("groups", List.of("fg-team", "/iwa/beheer"))))
                .containsExactlyInAnyOrder("ROLE_PRIVACY_OFFICER", "ROLE_OPS");
        assertThat(roles("groups", mapping, Map.of("groups", List.of("OPS", "PRIVACY_OFFICER")))).isEmpty();
    }

    @Test
    void theUserIsTheTokensSubjectMarkedAsComingFromTheIdentityProvider() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("4f1c-subject").claim("roles", List.of("OPS"))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();

        var user = new BearerTokenRoles("roles", DEFAULT).convert(jwt);

        assertThat(user.getName()).isEqualTo("oidc:4f1c-subject");
        assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_OPS");
    }

    @Test
    void aTokenOfAPartnersClientIsThatPartnerAndNothingElse() {
        Jwt partner = Jwt.withTokenValue("t").header("alg", "RS256").subject("service-account-gp").claim("azp", "gp-his")
                .claim("roles", List.of("OPS")).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        Jwt staff = Jwt.withTokenValue("t").header("alg", "RS256").subject("4f1c").claim("azp", "iwa-console")
                .claim("roles", List.of("OPS")).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        BearerTokenRoles roles = new BearerTokenRoles("roles", DEFAULT,
                client -> "gp-his".equals(client) ? java.util.Optional.of("gp-heerlen-centrum") : java.util.Optional.empty());

        var gp = roles.convert(partner);
        var ops = roles.convert(staff);

        assertThat(gp.getName()).isEqualTo("partner:gp-heerlen-centrum");
        assertThat(gp.getAuthorities()).extracting(GrantedAuthority::getAuthority).as("a partner's claims grant no staff role")
                .containsExactly("ROLE_PARTNER");
        assertThat(ops.getName()).isEqualTo("oidc:4f1c");
        assertThat(ops.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_OPS");
    }
}
