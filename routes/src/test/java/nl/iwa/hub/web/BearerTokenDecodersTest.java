package nl.iwa.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import nl.iwa.hub.testing.TestTokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** The token checks against a real JWK set and discovery document, without a hub around them. */
class BearerTokenDecodersTest {

    private final TestTokenIssuer idp = TestTokenIssuer.get();

    private JwtDecoder decoder(String issuerUri, String jwkSetUri) {
        return BearerTokenDecoders.of(new OidcProperties(issuerUri, jwkSetUri, TestTokenIssuer.AUDIENCE, "roles", null));
    }

    private static String refusal(JwtDecoder decoder, String token) {
        Throwable refused = catchThrowable(() -> decoder.decode(token));
        assertThat(refused).isInstanceOf(JwtException.class);
        return BearerTokenRefusal.why(refused);
    }

    @Test
    void theIssuerAloneIsEnoughTheKeysAreFoundThroughDiscovery() {
        JwtDecoder decoder = decoder(idp.issuer(), null);

        assertThat(decoder.decode(idp.sign(idp.claims("OPS").subject("s-1").build())).getSubject()).isEqualTo("s-1");
        assertThat(decoder.decode(idp.signAsAccessToken(idp.claims().build())).getSubject()).isNotBlank();
    }

    @Test
    void eachCheckThatFailsIsNamedWithoutRepeatingTheToken() {
        JwtDecoder decoder = decoder(idp.issuer(), idp.jwkSetUri());
        JWTClaimsSet good = idp.claims("OPS").build();

        assertThat(refusal(decoder, idp.sign(new JWTClaimsSet.Builder(good).audience("another-app").build())))
                .isEqualTo("The aud claim is not valid");
        assertThat(refusal(decoder, idp.sign(new JWTClaimsSet.Builder(good).issuer("https://elsewhere.example").build())))
                .isEqualTo("The iss claim is not valid");
        assertThat(refusal(decoder, idp.sign(new JWTClaimsSet.Builder(good).subject(null).build())))
                .isEqualTo("The sub claim is not valid");
        assertThat(refusal(decoder, idp.sign(new JWTClaimsSet.Builder(good).expirationTime(null).build())))
                .isEqualTo("The exp claim is not valid");
        Instant past = Instant.now().minusSeconds(120);
        assertThat(refusal(decoder, idp.sign(new JWTClaimsSet.Builder(good)
                .issueTime(Date.from(past.minusSeconds(300))).expirationTime(Date.from(past)).build())))
                .startsWith("Jwt expired at");
        assertThat(refusal(decoder, idp.signWithForgersKey(good))).isEqualTo(BearerTokenRefusal.UNREADABLE);
        assertThat(refusal(decoder, "eyJhbGciOiJub25lIn0.e30.")).isEqualTo(BearerTokenRefusal.UNREADABLE);
    }

    @Test
    void anUnreachableProviderIsAFailureOfTheHubNotARefusalOfTheToken() {
        JwtDecoder decoder = decoder("http://127.0.0.1:1/realms/iwa", null);

        Throwable failed = catchThrowable(() -> decoder.decode(idp.sign(idp.claims("OPS").build())));

        assertThat(failed).isNotNull().isNotInstanceOf(BadJwtException.class);
    }

    @Test
    void withoutAnIdentityProviderEveryTokenIsRefused() {
        JwtDecoder off = BearerTokenDecoders.of(new OidcProperties(null, null, null, "roles", Map.of()));

        assertThat(refusal(off, idp.sign(idp.claims("OPS").build()))).contains("accepts no bearer tokens");
    }
}
