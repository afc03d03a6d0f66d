package nl.iwa.hub.web;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;

/**
 * Checks an FSC access token (FSC Core, "Access token"), as the hub's Inway forwarded it in {@code Fsc-Authorization},
 * and names the consumer: the PeerID (OIN) in {@code sub}. The hub does not take the Inway's word for it: the token
 * must be a JWT signed (RS256..512, ES256..512) by a certificate of the configured Manager, named by the
 * {@code x5t#S256} JOSE header as FSC requires; not expired ({@code exp} required, {@code nbf} respected, 60 s skew);
 * of the configured Group ({@code gid}); issued by the Peer the Inway belongs to ({@code iss}); for the configured
 * service ({@code svc}, if one is set); bound to an Outway certificate ({@code cnf.x5t#S256}, which the Inway
 * verified against the Outway's TLS certificate: the hub does not see that certificate); and not delegated
 * ({@code act}: connecting on another Peer's behalf is not supported, so such a token is refused rather than
 * credited to either Peer).
 */
public final class FscAccessTokens {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    static final String UNREADABLE = "the FSC access token is malformed or not signed by a certificate of the configured FSC Manager";

    /** A refused token; the reason is one of the fixed texts here or of Spring's validators, never a token's value. */
    public static final class Refused extends RuntimeException {
        Refused(String why) {
            super(why);
        }
    }

    private final NimbusJwtDecoder decoder;

    public FscAccessTokens(FscProperties fsc, java.time.Clock systemClock) {
        this(fsc, readCertificates(fsc.managerCertificates()), systemClock);
    }

    FscAccessTokens(FscProperties fsc, Collection<X509Certificate> managerCertificates, java.time.Clock systemClock) {
        List<JWK> keys = new ArrayList<>();
        for (X509Certificate certificate : managerCertificates) {
            try {
                keys.add(JWK.parse(certificate));
            } catch (com.nimbusds.jose.JOSEException e) {
                throw new IllegalArgumentException("iwa.connectors.fsc.manager-certificates: a certificate with a key that cannot verify JWTs", e);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("iwa.connectors.fsc.manager-certificates: the file holds no certificate");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(new JWKSet(keys))));
        // FSC names no typ; the claims are checked below by Spring's validators
        processor.setJWSTypeVerifier((type, context) -> { });
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(validator(fsc, systemClock));
    }

    /** @return the consumer Peer's OIN ({@code sub}), once every check passed */
    public String consumerOin(String headerValue) {
        String token = headerValue == null ? "" : headerValue.trim().replaceFirst("^(?i)bearer(\\s+|$)", "");
        if (token.isEmpty()) {
            throw new Refused("the Fsc-Authorization header holds no access token");
        }
        try {
            if (JWSHeader.parse(com.nimbusds.jose.util.Base64URL.from(token.split("\\.", 2)[0])).getX509CertSHA256Thumbprint() == null) {
                throw new Refused("the FSC access token names no signing certificate (x5t#S256 header)");
            }
        } catch (ParseException e) {
            throw new Refused(UNREADABLE);
        }
        try {
            return decoder.decode(token).getSubject();
        } catch (JwtValidationException invalid) {
            throw new Refused(invalid.getErrors().stream().map(OAuth2Error::getDescription).collect(Collectors.joining("; ")));
        } catch (JwtException unreadable) {
            // parser and signature messages may quote the token: one fixed text instead
            throw new Refused(UNREADABLE);
        }
    }

    static OAuth2TokenValidator<Jwt> validator(FscProperties fsc, java.time.Clock systemClock) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        JwtTimestampValidator time = new JwtTimestampValidator(BearerTokenDecoders.CLOCK_SKEW);
        time.setClock(systemClock);
        validators.add(time);
        validators.add(claim(JwtClaimNames.EXP, java.util.Objects::nonNull, "the FSC access token has no expiry (exp)"));
        validators.add(claim("gid", fsc.groupId()::equals, "the FSC access token is for another Group (gid)"));
        validators.add(claim(JwtClaimNames.ISS, iss -> fsc.inwayOin().equals(String.valueOf(iss)),
                "the FSC access token was not issued by the Peer of the hub's Inway (iss)"));
        validators.add(claim(JwtClaimNames.SUB, sub -> sub instanceof String s && s.matches("[0-9]{20}"),
                "the FSC access token's consumer (sub) is not an OIN"));
        validators.add(claim("cnf", cnf -> cnf instanceof Map<?, ?> m && m.get("x5t#S256") instanceof String s && !s.isBlank(),
                "the FSC access token is not bound to an Outway certificate (cnf.x5t#S256)"));
        validators.add(jwt -> jwt.hasClaim("act")
                ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                        "the FSC access token is delegated (act); the hub does not accept delegated connections", null))
                : OAuth2TokenValidatorResult.success());
        if (fsc.service() != null) {
            validators.add(claim("svc", fsc.service()::equals, "the FSC access token is for another service (svc)"));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    private static OAuth2TokenValidator<Jwt> claim(String name, java.util.function.Predicate<Object> test, String description) {
        return jwt -> {
            Object value = jwt.getClaims().get(name);
            return value != null && test.test(value) ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
        };
    }

    static List<X509Certificate> readCertificates(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("iwa.connectors.fsc.manager-certificates: cannot read " + pem, e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("iwa.connectors.fsc.manager-certificates: " + pem + " is not PEM certificates", e);
        }
    }
}
