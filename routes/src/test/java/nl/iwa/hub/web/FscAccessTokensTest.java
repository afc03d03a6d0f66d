package nl.iwa.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.PlainJWT;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import nl.iwa.hub.testing.FscManager;
import nl.iwa.hub.testkit.pki.ThrowawayCa;
import org.junit.jupiter.api.Test;

/** The checks the hub makes on an FSC access token its Inway forwarded, each refused with a reason and no value. */
class FscAccessTokensTest {

    private static final String HUB_OIN = "99999999000000000999";
    private static final String CONSUMER = "99999999000000000555";
    private static final ThrowawayCa CA = ThrowawayCa.create("FscAccessTokensTest CA");
    private static final FscManager MANAGER = new FscManager(CA, HUB_OIN);
    private static final FscProperties FSC = new FscProperties(HUB_OIN, FscManager.GROUP, null, FscManager.SERVICE);

    private final FscAccessTokens tokens = new FscAccessTokens(FSC, List.of(MANAGER.certificate()), Clock.systemUTC());

    @Test
    void aGoodTokenNamesItsConsumerPeer() {
        assertThat(tokens.consumerOin("Bearer " + MANAGER.sign(MANAGER.claims(CONSUMER).build()))).isEqualTo(CONSUMER);
        // FSC does not say whether the header has the Bearer prefix; both forms are in use
        assertThat(tokens.consumerOin(MANAGER.sign(MANAGER.claims(CONSUMER).build()))).isEqualTo(CONSUMER);
    }

    @Test
    void aTokenOfAnotherManagerOrAForgedOneIsUnreadable() {
        FscManager forger = MANAGER.forger();

        refused(forger.sign(MANAGER.claims(CONSUMER).build()), FscAccessTokens.UNREADABLE);
        refused(forger.signPretendingToBe(MANAGER, MANAGER.claims(CONSUMER).build()), FscAccessTokens.UNREADABLE);
        refused(new PlainJWT(new PlainHeader.Builder().customParam("x5t#S256", "abc").build(), MANAGER.claims(CONSUMER).build()).serialize(),
                FscAccessTokens.UNREADABLE);
        refused("not.a.token", FscAccessTokens.UNREADABLE);
        refused("Bearer ", "holds no access token");
    }

    @Test
    void aTokenWithoutTheSigningCertificatesThumbprintIsRefused() {
        refused(MANAGER.sign(MANAGER.claims(CONSUMER).build(), false), "x5t#S256");
    }

    @Test
    void anExpiredOrNotYetValidTokenIsRefused() {
        Instant past = Instant.now().minusSeconds(600);
        refused(MANAGER.sign(MANAGER.claims(CONSUMER).expirationTime(Date.from(past)).build()), "expired");
        refused(MANAGER.sign(MANAGER.claims(CONSUMER).notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build()), "used before");
        refused(MANAGER.sign(MANAGER.claims(CONSUMER).expirationTime(null).build()), "(exp)");
    }

    @Test
    void everyFscClaimIsChecked() {
        refused(MANAGER.sign(MANAGER.claims(CONSUMER).claim("gid", "other-group").build()), "(gid)");
        refused(MANAGER.sign(MANAGER.claims(CONSUMER).issuer("99999999000000000123").build()), "(iss)");
        refused(MANAGER.sign(MANAGER.claims(CONSUMER).claim("svc", "other-service").build()), "(svc)");
        refused(MANAGER.sign(MANAGER.claims("gp-heerlen").build()), "(sub)");
        refused(MANAGER.sign(MANAGER.claims(CONSUMER).claim("cnf", null).build()), "cnf.x5t#S256");
        refused(MANAGER.sign(MANAGER.claims(CONSUMER).claim("cnf", Map.of("jkt", "x")).build()), "cnf.x5t#S256");
        refused(MANAGER.sign(MANAGER.claims(CONSUMER).claim("act", Map.of("sub", "99999999000000000777")).build()), "delegated (act)");
    }

    @Test
    void withoutAConfiguredServiceAnySvcOfTheGroupAndPeerPasses() {
        FscAccessTokens anyService = new FscAccessTokens(new FscProperties(HUB_OIN, FscManager.GROUP, null, null),
                List.of(MANAGER.certificate()), Clock.systemUTC());

        assertThat(anyService.consumerOin(MANAGER.sign(MANAGER.claims(CONSUMER).claim("svc", "other").build()))).isEqualTo(CONSUMER);
    }

    @Test
    void noReasonRepeatsTheToken() {
        String token = MANAGER.sign(MANAGER.claims(CONSUMER).claim("gid", "other-group").build());
        String payload = token.split("\\.")[1];

        assertThatThrownBy(() -> tokens.consumerOin(token)).satisfies(e -> {
            assertThat(e.getMessage()).doesNotContain(payload).doesNotContain(CONSUMER).doesNotContain("other-group");
        });
        assertThat(Base64URL.from(payload).decodeToString()).contains(CONSUMER);
    }

    private void refused(String token, String reason) {
        assertThatThrownBy(() -> tokens.consumerOin(token)).isInstanceOf(FscAccessTokens.Refused.class).hasMessageContaining(reason);
    }
}
