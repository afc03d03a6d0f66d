package nl.iwa.hub.connectors;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a partner without (or beside) a Kafka client reaches the hub, from its {@code connectors} block in
 * {@code partners.yaml}. Every part is optional. Credentials are named by reference (a file or an environment
 * variable), never written in the file.
 *
 * <pre>
 * connectors:
 *   rest: {clientId: gp-his-heerlen}            # OAuth2 client-credentials client id (the token's azp / client_id)
 *   rest: {certificateOin: "99999999000000000555"}  # or: the OIN of its client certificate (also the FSC consumer)
 *   inbox: {delivery: WEBHOOK, url: https://his.example.nl/iwa/events, tokenFile: /run/secrets/gp-webhook-token}
 *   files: {folder: /srv/iwa/housing-mijnstreek/in, receiver: socialteam-heerlen}
 *   # or, in production, an SFTP drop:
 *   files: {receiver: socialteam-heerlen, sftp: {host: sftp.example.nl, directory: /housing-mijnstreek/in, username: iwa-hub,
 *           privateKeyFile: /run/secrets/iwa-sftp-key, knownHostsFile: /etc/iwa/known_hosts}}
 * </pre>
 *
 * @param rest  the partner sends by REST, authenticated as the given OAuth2 client (or certificate)
 * @param inbox the partner receives its inbox by webhook or pulls it over REST, instead of reading Kafka
 * @param files the partner drops batch files (CSV) in a folder
 */
public record ConnectorSettings(Rest rest, Inbox inbox, Files files) {

    /**
     * @param clientId          the OAuth2 client id a token of this partner carries ({@code azp} or {@code client_id})
     * @param certificateOin    or: the OIN in the serialNumber of the partner's client certificate (PKIoverheid), which
     *                          is also its PeerID as an FSC consumer; one OIN names one partner (partners.yaml refuses two)
     */
    public record Rest(String clientId, String certificateOin) {
    }

    /** How the hub hands a connector partner its inbox. */
    public enum Delivery { WEBHOOK, PULL }

    /**
     * @param url       for WEBHOOK: where CloudEvents are POSTed
     * @param tokenFile for WEBHOOK: a file holding the bearer token the hub presents
     * @param tokenEnv  or: the environment variable holding it
     */
    public record Inbox(Delivery delivery, URI url, Path tokenFile, String tokenEnv) {
    }

    /**
     * @param folder     where the partner's batch files arrive: a local folder (or one mounted from elsewhere)
     * @param sftp       or: an SFTP server's directory the hub polls (the production drop)
     * @param receiver   the partner every signal of these files goes to (e.g. the municipality's social team); the
     *                   hub's policies decide whether it may, as for any signal
     * @param purpose    the purpose of these signals; default {@code EARLY_DEBT_SIGNALLING}
     * @param signalType the signal code of each row; default {@code RENT_ARREARS}
     */
    public record Files(Path folder, Sftp sftp, String receiver, String purpose, String signalType) {

        public static final String DEFAULT_PURPOSE = "EARLY_DEBT_SIGNALLING";
        public static final String DEFAULT_SIGNAL_TYPE = "RENT_ARREARS";

        public Files(Path folder, String receiver) {
            this(folder, null, receiver, null, null);
        }

        public String purposeOrDefault() {
            return blank(purpose) ? DEFAULT_PURPOSE : purpose;
        }

        public String signalTypeOrDefault() {
            return blank(signalType) ? DEFAULT_SIGNAL_TYPE : signalType;
        }
    }

    /**
     * An SFTP drop: the hub logs in as {@code username} and polls {@code directory}. The secret is named, never
     * written here: a private key file, or a file or environment variable holding the password. The server's host key
     * is always checked, against {@code knownHostsFile} (OpenSSH format; {@code [host]:port} for a port other than
     * 22); there is no setting to switch that off.
     *
     * @param port default 22
     */
    public record Sftp(String host, Integer port, String directory, String username, Path privateKeyFile,
                       Path passwordFile, String passwordEnv, Path knownHostsFile) {

        public int portOrDefault() {
            return port == null ? 22 : port;
        }

        List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (blank(host) || !host.matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]")) {
                problems.add("connectors.files.sftp.host: required, a host name or address");
            }
            if (port != null && (port < 1 || port > 65535)) {
                problems.add("connectors.files.sftp.port: 1 to 65535");
            }
            if (blank(directory) || !directory.startsWith("/") || directory.contains("?") || directory.contains("..")) {
                problems.add("connectors.files.sftp.directory: required, an absolute path on the server (from the login's root)");
            }
            if (blank(username) || !username.matches("[A-Za-z0-9._-]+")) {
                problems.add("connectors.files.sftp.username: required, letters, digits, '.', '_' or '-'");
            }
            int secrets = (privateKeyFile == null ? 0 : 1) + (passwordFile == null ? 0 : 1) + (blank(passwordEnv) ? 0 : 1);
            if (secrets != 1) {
                problems.add("connectors.files.sftp: name exactly one of 'privateKeyFile', 'passwordFile' or 'passwordEnv' "
                        + "(the secret itself never goes in this file)");
            }
            if (knownHostsFile == null) {
                problems.add("connectors.files.sftp.knownHostsFile: required, the server's host key is always checked");
            }
            return problems;
        }
    }

    /** What is wrong or missing, each naming the field; empty when the settings can be used. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (rest != null && blank(rest.clientId()) && blank(rest.certificateOin())) {
            problems.add("connectors.rest: name the partner's OAuth2 'clientId' or its certificate's 'certificateOin'");
        }
        if (rest != null && !blank(rest.certificateOin()) && !rest.certificateOin().matches("\\d{20}")) {
            problems.add("connectors.rest.certificateOin: an OIN is 20 digits");
        }
        if (inbox != null) {
            if (inbox.delivery() == null) {
                problems.add("connectors.inbox.delivery: required, WEBHOOK or PULL");
            } else if (inbox.delivery() == Delivery.WEBHOOK) {
                if (inbox.url() == null || !("https".equals(inbox.url().getScheme()) || "http".equals(inbox.url().getScheme()))) {
                    problems.add("connectors.inbox.url: required for WEBHOOK, an http(s) URL");
                }
                if (inbox.tokenFile() == null && blank(inbox.tokenEnv())) {
                    problems.add("connectors.inbox: a WEBHOOK needs 'tokenFile' or 'tokenEnv' (the token itself never goes in this file)");
                }
            } else if (inbox.url() != null || inbox.tokenFile() != null || inbox.tokenEnv() != null) {
                problems.add("connectors.inbox: 'url', 'tokenFile' and 'tokenEnv' apply only to WEBHOOK");
            }
        }
        if (files != null && (files.folder() == null) == (files.sftp() == null)) {
            problems.add("connectors.files: name either 'folder' (a local drop folder) or 'sftp' (an SFTP drop), one of them");
        }
        if (files != null && files.sftp() != null) {
            problems.addAll(files.sftp().problems());
        }
        if (files != null && blank(files.receiver())) {
            problems.add("connectors.files.receiver: required, the partner id the signals of the files go to");
        }
        return problems;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
