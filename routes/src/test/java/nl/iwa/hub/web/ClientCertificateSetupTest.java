package nl.iwa.hub.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import nl.iwa.hub.connectors.ConnectorSettings;
import nl.iwa.hub.contract.common.PartnerKind;
import nl.iwa.hub.partners.KafkaIdentity;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.partners.PartnerFunction;
import nl.iwa.hub.policy.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.web.server.Ssl;

/** Client certificates half set up stop the start, naming the setting; fully set up or not at all, the hub starts. */
class ClientCertificateSetupTest {

    private static final FscProperties NO_FSC = new FscProperties(null, null, null, null);
    /** Any readable file: its content is read by FscAccessTokens, not by this check. */
    private static final FscProperties FSC = new FscProperties("99999999000000000999", "group", Path.of("pom.xml"), null);

    private static PartnerDirectory partners(String certificateOin) {
        return new PartnerDirectory(List.of(new Partner("housing-a", PartnerKind.HOUSING, "Housing", List.of(), Set.of(PartnerFunction.SUPPORT),
                "lead", false, null, KafkaIdentity.SCRAM,
                certificateOin == null ? null : new ConnectorSettings(new ConnectorSettings.Rest(null, certificateOin), null, null))));
    }

    private static ServerProperties server(boolean https, Ssl.ClientAuth clientAuth) {
        ServerProperties server = new ServerProperties();
        if (https) {
            Ssl ssl = new Ssl();
            ssl.setBundle("hub");
            ssl.setClientAuth(clientAuth);
            server.setSsl(ssl);
        }
        return server;
    }

    private static DefaultSslBundleRegistry bundles(boolean trustStore) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        KeyStore trust = trustStore ? KeyStore.getInstance("PKCS12") : null;
        if (trust != null) {
            trust.load(null, null);
        }
        DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
        registry.registerBundle("hub", SslBundle.of(SslStoreBundle.of(keys, "pw", trust)));
        return registry;
    }

    @Test
    void fullySetUpOrNotUsedAtAllStarts() throws Exception {
        assertThatCode(() -> ClientCertificateSetup.check(server(true, Ssl.ClientAuth.WANT), bundles(true), partners("99999999000000000555"), FSC))
                .doesNotThrowAnyException();
        assertThatCode(() -> ClientCertificateSetup.check(server(false, null), bundles(false), partners(null), NO_FSC))
                .doesNotThrowAnyException();
        assertThatCode(() -> ClientCertificateSetup.check(server(true, null), bundles(false), partners(null), NO_FSC))
                .doesNotThrowAnyException();
    }

    @Test
    void certificatePartnersOrAnInwayNeedHttpsThatAsksForCertificates() {
        assertThatThrownBy(() -> ClientCertificateSetup.check(server(false, null), bundles(false), partners("99999999000000000555"), NO_FSC))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("server.ssl: partners [housing-a] authenticate by client certificate");
        assertThatThrownBy(() -> ClientCertificateSetup.check(server(true, Ssl.ClientAuth.NONE), bundles(true), partners(null), FSC))
                .hasMessageContaining("server.ssl.client-auth: an FSC Inway is configured (iwa.connectors.fsc.inway-oin), so set it to 'want'");
    }

    @Test
    void askingWithoutATrustStoreOrATrustStoreWithoutAskingIsRefused() {
        assertThatThrownBy(() -> ClientCertificateSetup.check(server(true, Ssl.ClientAuth.WANT), bundles(false), partners("99999999000000000555"), NO_FSC))
                .hasMessageContaining("server.ssl.client-auth is 'want' but the server's SSL bundle has no trust store");
        assertThatThrownBy(() -> ClientCertificateSetup.check(server(true, null), bundles(true), partners(null), NO_FSC))
                .hasMessageContaining("has a trust store for client certificates, but the hub does not ask for them");
    }

    @Test
    void fscHalfConfiguredOrAnInwayThatIsAPartnerIsRefused() {
        FscProperties noManager = new FscProperties("99999999000000000999", null, null, null);
        assertThatThrownBy(() -> ClientCertificateSetup.check(server(true, Ssl.ClientAuth.WANT), bundles(true), partners(null), noManager))
                .hasMessageContaining("iwa.connectors.fsc.group-id: required")
                .hasMessageContaining("iwa.connectors.fsc.manager-certificates: required");
        assertThatThrownBy(() -> ClientCertificateSetup.check(server(true, Ssl.ClientAuth.WANT), bundles(true), partners(null),
                new FscProperties(null, "group", null, null)))
                .hasMessageContaining("iwa.connectors.fsc.inway-oin: required when any other");
        assertThatThrownBy(() -> ClientCertificateSetup.check(server(true, Ssl.ClientAuth.WANT), bundles(true), partners(null),
                new FscProperties("99999999000000000999", "group", Path.of("no-such-manager.pem"), null)))
                .hasMessageContaining("no-such-manager.pem is not a readable file");
        assertThatThrownBy(() -> ClientCertificateSetup.check(server(true, Ssl.ClientAuth.WANT), bundles(true), partners("99999999000000000999"), FSC))
                .hasMessageContaining("partner 'housing-a' has the Inway's OIN");
    }
}
