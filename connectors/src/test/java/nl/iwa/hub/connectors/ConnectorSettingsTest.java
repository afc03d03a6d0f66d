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

    @Test
    void filesComeFromAFolderOrAnSftpDropNeverBothOrNeither() {
        ConnectorSettings.Sftp sftp = new ConnectorSettings.Sftp("sftp.example.nl", null, "/housing/in", "iwa-hub",
                Path.of("/run/secrets/key"), null, null, Path.of("/etc/iwa/known_hosts"));

        assertThat(new ConnectorSettings(null, null, new ConnectorSettings.Files(null, sftp, "socialteam-heerlen", null, null)).problems())
                .isEmpty();
        assertThat(new ConnectorSettings(null, null, new ConnectorSettings.Files(Path.of("in"), sftp, "socialteam-heerlen", null, null))
                .problems()).singleElement().asString().contains("either 'folder'");
        assertThat(new ConnectorSettings(null, null, new ConnectorSettings.Files(null, null, "socialteam-heerlen", null, null))
                .problems()).singleElement().asString().contains("either 'folder'");
    }

    @Test
    void anSftpDropNamesOneSecretByReferenceAndAlwaysAKnownHostsFile() {
        ConnectorSettings.Sftp noSecretNoHosts = new ConnectorSettings.Sftp("sftp.example.nl", 70000, "housing/in", "iwa hub",
                null, null, null, null);

        assertThat(files(noSecretNoHosts).problems()).containsExactly(
                "connectors.files.sftp.port: 1 to 65535",
                "connectors.files.sftp.directory: required, an absolute path on the server (from the login's root)",
                "connectors.files.sftp.username: required, letters, digits, '.', '_' or '-'",
                "connectors.files.sftp: name exactly one of 'privateKeyFile', 'passwordFile' or 'passwordEnv' (the secret itself never goes in this file)",
                "connectors.files.sftp.knownHostsFile: required, the server's host key is always checked");
        ConnectorSettings.Sftp twoSecrets = new ConnectorSettings.Sftp("sftp.example.nl", 22, "/in", "iwa-hub",
                Path.of("/run/secrets/key"), null, "IWA_SFTP_PASSWORD", Path.of("/etc/iwa/known_hosts"));
        assertThat(files(twoSecrets).problems()).singleElement().asString().contains("exactly one of");
        ConnectorSettings.Sftp badHost = new ConnectorSettings.Sftp("sftp.example.nl/x?y", 22, "/in", "iwa-hub",
                null, Path.of("/run/secrets/pw"), null, Path.of("/etc/iwa/known_hosts"));
        assertThat(files(badHost).problems()).singleElement().asString().startsWith("connectors.files.sftp.host");
    }

    private static ConnectorSettings files(ConnectorSettings.Sftp sftp) {
        return new ConnectorSettings(null, null, new ConnectorSettings.Files(null, sftp, "socialteam-heerlen", null, null));
    }
}
