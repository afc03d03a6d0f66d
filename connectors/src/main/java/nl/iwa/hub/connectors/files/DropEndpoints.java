package nl.iwa.hub.connectors.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.function.Function;
import nl.iwa.hub.connectors.ConnectorSettings;

/**
 * The Camel endpoint URI of a partner's drop, from its {@code connectors.files} settings: {@code file:} for a local
 * folder, {@code sftp:} (camel-ftp, JSch) for an SFTP drop. For SFTP the URI holds references only (the private key
 * file, the known_hosts file); a password is read here from its file or environment variable and set on the endpoint
 * by the route, never put in the URI, which Camel shows in its route listings. Host key checking is always on, with
 * the configured known_hosts file and not the account's own ~/.ssh/known_hosts.
 */
public final class DropEndpoints {

    private DropEndpoints() {
    }

    public static String uri(ConnectorSettings.Files files) {
        ConnectorSettings.Sftp sftp = files.sftp();
        if (sftp == null) {
            return "file:" + files.folder().toAbsolutePath();
        }
        StringBuilder uri = new StringBuilder("sftp://").append(sftp.host()).append(':').append(sftp.portOrDefault())
                .append(sftp.directory())
                .append("?username=").append(sftp.username())
                .append("&knownHostsFile=").append(raw(sftp.knownHostsFile().toAbsolutePath().toString()))
                .append("&strictHostKeyChecking=yes&useUserKnownHostsFile=false");
        if (sftp.privateKeyFile() != null) {
            uri.append("&privateKeyFile=").append(raw(sftp.privateKeyFile().toAbsolutePath().toString()));
        }
        return uri.toString();
    }

    /**
     * The SFTP password, read now (the route reads it when it starts; a rotated password needs a restart), or empty
     * for a local folder or a private key login.
     *
     * @param environment how to read an environment variable ({@code System::getenv})
     */
    public static Optional<String> password(ConnectorSettings.Files files, Function<String, String> environment) {
        ConnectorSettings.Sftp sftp = files.sftp();
        if (sftp == null || sftp.privateKeyFile() != null) {
            return Optional.empty();
        }
        if (sftp.passwordFile() != null) {
            try {
                return Optional.of(Files.readString(sftp.passwordFile()).strip());
            } catch (IOException e) {
                // the path is configuration, not a secret; the content never appears in a message
                throw new UncheckedIOException("connectors.files.sftp.passwordFile cannot be read: " + sftp.passwordFile(), e);
            }
        }
        String value = environment.apply(sftp.passwordEnv());
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("connectors.files.sftp.passwordEnv: environment variable " + sftp.passwordEnv() + " is not set");
        }
        return Optional.of(value.strip());
    }

    /** A value Camel takes as it is (no URI decoding of '+' or '%'). */
    private static String raw(String value) {
        return "RAW(" + value + ")";
    }
}
