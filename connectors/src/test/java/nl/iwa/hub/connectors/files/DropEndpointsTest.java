package nl.iwa.hub.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import nl.iwa.hub.connectors.ConnectorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropEndpointsTest {

    private static final Path KNOWN_HOSTS = Path.of("/etc/iwa/known_hosts");

    private static ConnectorSettings.Files sftp(Path key, Path passwordFile, String passwordEnv) {
        return new ConnectorSettings.Files(null, new ConnectorSettings.Sftp("sftp.example.nl", 2222, "/housing-mijnstreek/in",
                "iwa-hub", key, passwordFile, passwordEnv, KNOWN_HOSTS), "socialteam-heerlen", null, null);
    }

    @Test
    void aLocalFolderIsAFileEndpoint() {
        assertThat(DropEndpoints.uri(new ConnectorSettings.Files(Path.of("/srv/iwa/in"), "socialteam-heerlen"))).isEqualTo("file:/srv/iwa/in");
        assertThat(DropEndpoints.password(new ConnectorSettings.Files(Path.of("/srv/iwa/in"), "socialteam-heerlen"), k -> "x")).isEmpty();
    }

    @Test
    void anSftpDropChecksTheHostKeyAgainstItsKnownHostsFileAlways() {
        String uri = DropEndpoints.uri(sftp(Path.of("/run/secrets/iwa-sftp-key"), null, null));

        assertThat(uri).startsWith("sftp://sftp.example.nl:2222/housing-mijnstreek/in?username=iwa-hub&")
                .contains("&knownHostsFile=RAW(/etc/iwa/known_hosts)")
                .contains("&strictHostKeyChecking=yes")
                .contains("&useUserKnownHostsFile=false")
                .contains("&privateKeyFile=RAW(/run/secrets/iwa-sftp-key)")
                .doesNotContain("strictHostKeyChecking=no").doesNotContain("password");
    }

    @Test
    void aPasswordIsReadFromItsFileOrVariableAndNeverPutInTheUri(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "s3cret-from-file\n");

        assertThat(DropEndpoints.password(sftp(null, file, null), k -> null)).contains("s3cret-from-file");
        assertThat(DropEndpoints.uri(sftp(null, file, null))).doesNotContain("s3cret").doesNotContain("privateKeyFile");
        assertThat(DropEndpoints.password(sftp(null, null, "IWA_SFTP_PASSWORD"), Map.of("IWA_SFTP_PASSWORD", "s3cret-from-env")::get))
                .contains("s3cret-from-env");
        assertThat(DropEndpoints.password(sftp(Path.of("/run/secrets/key"), null, null), k -> "unused")).isEmpty();
    }

    @Test
    void aMissingSecretStopsTheStartWithoutShowingAnything(@TempDir Path dir) {
        assertThatThrownBy(() -> DropEndpoints.password(sftp(null, null, "IWA_SFTP_PASSWORD"), k -> null))
                .hasMessageContaining("IWA_SFTP_PASSWORD").hasMessageContaining("not set");
        assertThatThrownBy(() -> DropEndpoints.password(sftp(null, dir.resolve("missing"), null), k -> null))
                .hasMessageContaining("passwordFile");
    }
}
