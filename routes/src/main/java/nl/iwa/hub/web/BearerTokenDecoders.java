package nl.iwa.hub.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * How a bearer token is checked: signed (asymmetrically, never "none" or a shared secret) by a key of the
 * identity provider's JWK set, issued by the configured issuer, for the configured audience, with a subject,
 * and not expired. Times are the system clock's (the provider's clock, give or take {@link #CLOCK_SKEW}), not
 * the hub's own, which a demonstration may run faster.
 */
final class BearerTokenDecoders {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private static final List<SignatureAlgorithm> ASYMMETRIC = List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.RS384,
            SignatureAlgorithm.RS512, SignatureAlgorithm.PS256, SignatureAlgorithm.PS384, SignatureAlgorithm.PS512,
            SignatureAlgorithm.ES256, SignatureAlgorithm.ES384, SignatureAlgorithm.ES512);

    private BearerTokenDecoders() {
    }

    /** Bearer tokens are not accepted at all when no identity provider is configured. */
    static final class BearerTokensOff extends BadJwtException {
        BearerTokensOff() {
            super("this hub accepts no bearer tokens: no identity provider is configured");
        }
    }

    static JwtDecoder of(OidcProperties oidc) {
        if (!oidc.enabled()) {
            return token -> {
                throw new BearerTokensOff();
            };
        }
        // built at the first token, not at start-up: the hub starts while the identity provider is away, and
        // a failed discovery is tried again with the next token
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = (oidc.jwkSetUri() != null
                    ? NimbusJwtDecoder.withJwkSetUri(oidc.jwkSetUri())
                    : NimbusJwtDecoder.withIssuerLocation(oidc.issuerUri()))
                    .jwsAlgorithms(algorithms -> algorithms.addAll(ASYMMETRIC))
                    // typ is checked below, where access tokens typed at+jwt (RFC 9068) pass too
                    .validateType(false)
                    .build();
            decoder.setJwtValidator(validator(oidc));
            return decoder;
        });
    }

    static OAuth2TokenValidator<Jwt> validator(OidcProperties oidc) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(CLOCK_SKEW));
        validators.add(new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull));
        validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()));
        validators.add(new JwtAudienceValidator(oidc.audience()));
        JwtTypeValidator type = new JwtTypeValidator("JWT", "at+jwt", "application/at+jwt");
        type.setAllowEmpty(true);
        validators.add(type);
        if (oidc.issuerUri() != null) {
            validators.add(new JwtIssuerValidator(oidc.issuerUri()));
        }
        return JwtValidators.createDefaultWithValidators(validators);
    }
}
