package nl.iwa.hub.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConnectorSettingsTest {

    @Test
    void aWebhookNeedsAnHttpUrlAndATokenByReference() {
        ConnectorSettings noToken = new ConnectorSettings(null,
                new ConnectorSettings.Inbox(ConnectorSettings.Delivery.WEBHOOK, URI.create("ftp://x"), null, null), null);

        assertThat(noToken.problems()).containsExactly(
                "connectors.inbox.url: required for WEBHOOK, an http(s) URL",
                "connectors.inbox: a WEBHOOK needs 'tokenFile' or 'tokenEnv' (the token itself never goes in this file)");
    }

    @Test
    void restNamesAClientOrACertificate() {
        assertThat(new ConnectorSettings(new ConnectorSettings.Rest(null, null), null, null).problems())
                .singleElement().asString().contains("clientId");
        assertThat(new ConnectorSettings(new ConnectorSettings.Rest(null, "123"), null, null).problems())
                .containsExactly("connectors.rest.certificateOin: an OIN is 20 digits");
        assertThat(new ConnectorSettings(new ConnectorSettings.Rest("gp-his", null),
                new ConnectorSettings.Inbox(ConnectorSettings.Delivery.PULL, null, null, null),
                new ConnectorSettings.Files(Path.of("in"), "socialteam-heerlen")).problems()).isEmpty();
    }

    @Test
    void filesNameTheirReceiverAndDefaultToEarlyDebtSignalsOfRentArrears() {
        assertThat(new ConnectorSettings(null, null, new ConnectorSettings.Files(Path.of("in"), null)).problems())
                .containsExactly("connectors.files.receiver: required, the partner id the signals of the files go to");
        ConnectorSettings.Files files = new ConnectorSettings.Files(Path.of("in"), "socialteam-heerlen");
        assertThat(files.purposeOrDefault()).isEqualTo("EARLY_DEBT_SIGNALLING");
        assertThat(files.signalTypeOrDefault()).isEqualTo("RENT_ARREARS");
    }
}
