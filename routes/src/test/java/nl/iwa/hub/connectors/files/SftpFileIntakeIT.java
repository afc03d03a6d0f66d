package nl.iwa.hub.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import nl.iwa.hub.config.HubProperties;
import nl.iwa.hub.testing.LogCapture;
import nl.iwa.hub.testing.StandaloneHub;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testing.TestTokenIssuer;
import nl.iwa.hub.testkit.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The file batch intake on an SFTP drop, as in production: a real SFTP server in-process (Apache MINA SSHD with its
 * SFTP subsystem), whose host key the hub checks against a known_hosts file, and which the hub logs in to with a
 * password it reads from a file named in partners.yaml. Housing uploads its list there as an SFTP client does
 * (under a temporary name, then renamed); the hub picks it up, writes its signals, puts the report beside it on the
 * server and in housing's inbox, which housing pulls as a CloudEvent, and moves the file to {@code .done/} so it is
 * read once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SftpFileIntakeIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIRECTORY = "/housing-mijnstreek/in";
    private static final String HUB_USER = "iwa-hub";
    private static final String HOUSING_USER = "housing-upload";

    private final String prefix = "sftp" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    private final String hubPassword = "test-only-" + UUID.randomUUID();
    private final String housingPassword = "test-only-" + UUID.randomUUID();
    private Path root;
    private Path knownHosts;
    private SshServer sftpServer;
    private StandaloneHub hub;
    private HttpClient http;

    @BeforeAll
    void start() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        Path dir = Files.createDirectories(Path.of("target", "file-intake", prefix)).toAbsolutePath();
        root = Files.createDirectories(dir.resolve("sftp-root"));
        Files.createDirectories(root.resolve(DIRECTORY.substring(1)));

        sftpServer = SshServer.setUpDefaultServer();
        sftpServer.setHost("localhost");
        sftpServer.setPort(0);
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(dir.resolve("host-key"));
        hostKeys.setAlgorithm(KeyUtils.RSA_ALGORITHM);
        sftpServer.setKeyPairProvider(hostKeys);
        sftpServer.setPasswordAuthenticator((user, password, session) ->
                HUB_USER.equals(user) && hubPassword.equals(password) || HOUSING_USER.equals(user) && housingPassword.equals(password));
        sftpServer.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sftpServer.setFileSystemFactory(new VirtualFileSystemFactory(root));
        sftpServer.start();

        // the server's host key, as an operator would put it in the hub's known_hosts
        KeyPair hostKey = hostKeys.loadKeys(null).iterator().next();
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "[localhost]:" + sftpServer.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        Path passwordFile = dir.resolve("sftp-password");
        Files.writeString(passwordFile, hubPassword + "\n");

        Path config = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
        String yaml = Files.readString(config.resolve("partners.yaml")).replaceAll("(?m)^    connectors: .*\n", "");
        String group = "    inboxConsumerGroup: housing-mijnstreek-inbox\n";
        assertThat(yaml).contains(group);
        yaml = yaml.replace(group, "    inboxConsumerGroup: " + prefix + "-housing-mijnstreek-inbox\n"
                + "    connectors: {rest: {clientId: " + prefix + "-housing}, inbox: {delivery: PULL}, files: {receiver: socialteam-heerlen,"
                + " sftp: {host: localhost, port: " + sftpServer.getPort() + ", directory: '" + DIRECTORY + "', username: " + HUB_USER + ","
                + " passwordFile: '" + passwordFile + "', knownHostsFile: '" + knownHosts + "'}}}\n");
        Path partners = dir.resolve("partners.yaml");
        Files.writeString(partners, yaml);

        // what 'access apply' does for this partners.yaml: the hub may read housing's inbox with its group (PULL)
        infra.applyAccess(partners, config.resolve("policies.yaml"), prefix);
        TestTokenIssuer issuer = TestTokenIssuer.get();
        hub = StandaloneHub.start(prefix,
                "--iwa.config.partners=" + partners,
                "--iwa.security.oidc.issuer-uri=" + issuer.issuer(),
                "--iwa.security.oidc.audience=" + TestTokenIssuer.AUDIENCE,
                "--iwa.security.oidc.roles-claim=" + TestTokenIssuer.ROLES_CLAIM,
                "--iwa.connectors.files.poll-delay-ms=200");
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (sftpServer != null) {
            sftpServer.stop(true);
        }
    }

    @Test
    void aListUploadedToTheSftpDropGivesItsSignalsAndItsReportOnceAndIsMovedAside() throws Exception {
        ArrearsFiles list = new ArrearsFiles(200, 60_000);
        String hash = FileBatchIntake.sha256(list.content);
        try (TopicProbe<byte[]> outbox = new TopicProbe<>(TestInfrastructure.get().adminConnection().properties(),
                prefix + ".housing-mijnstreek.outbox", new ByteArrayDeserializer())) {
            // When housing uploads its list to the SFTP drop
            upload("huurachterstanden-2026-12.csv", list.content);

            // Then the report lands beside it on the server: 198 accepted, the 2 bad rows by number and code
            JsonNode report = awaitReport("huurachterstanden-2026-12.csv");
            assertThat(report.get("status").asText()).isEqualTo("PROCESSED");
            assertThat(report.get("fileHash").asText()).isEqualTo(hash);
            assertThat(report.get("accepted").asInt()).isEqualTo(198);
            assertThat(report.get("rejectedCount").asInt()).isEqualTo(2);

            // and the file is moved to .done/ on the server
            Path in = root.resolve(DIRECTORY.substring(1));
            await().atMost(WAIT).until(() -> !Files.exists(in.resolve("huurachterstanden-2026-12.csv")));
            assertThat(listed(in.resolve(".done"))).anyMatch(n -> n.startsWith("huurachterstanden-2026-12-") && n.endsWith(".csv"));

            // and its 198 signals are in housing's outbox, each once
            await().atMost(WAIT).until(() -> ofFile(hash, outbox.records()).size() >= 198);

            // and housing, which pulls its inbox over REST, gets the report as a CloudEvent of its own type
            String token = token(prefix + "-housing");
            JsonNode event = await().atMost(WAIT).until(() -> reportEvent(pull(token), hash), e -> e != null);
            assertThat(event.get("source").asText()).startsWith("urn:nld:oin:");
            assertThat(event.at("/data/originPartnerId").asText()).isEqualTo("hub");
            assertThat(event.at("/data/correlationId").asText()).isEqualTo(ArrearsSignals.correlationId(hash));
            assertThat(event.at("/data/body/status").asText()).isEqualTo("PROCESSED");
            assertThat(event.at("/data/body/accepted").asInt()).isEqualTo(198);
            Set<Integer> rows = new java.util.TreeSet<>();
            event.at("/data/body/rejected").forEach(r -> rows.add(r.get("row").asInt()));
            assertThat(rows).isEqualTo(list.bad.keySet());
            assertThat(event.toString()).doesNotContain("huurachterstanden").doesNotContain(ArrearsFiles.NAME_MARKER);
            HttpResponse<String> pulled = pull(token);
            assertThat(ack(token, pulled.headers().firstValue("Inbox-Cursor").orElseThrow()).statusCode()).isEqualTo(200);

            // When a second list comes after it
            ArrearsFiles next = new ArrearsFiles(10, 61_000);
            upload("huurachterstanden-2027-01.csv", next.content);
            assertThat(awaitReport("huurachterstanden-2027-01.csv").get("accepted").asInt()).isEqualTo(10);

            // Then the first was not read again: still 198 signals, and no second report of it in the inbox
            assertThat(ofFile(hash, outbox.readToEnd())).hasSize(198).doesNotHaveDuplicates();
            String nextHash = FileBatchIntake.sha256(next.content);
            JsonNode nextEvent = await().atMost(WAIT).until(() -> reportEvent(pull(token), nextHash), e -> e != null);
            assertThat(nextEvent.at("/data/body/accepted").asInt()).isEqualTo(10);
            assertThat(reportEvent(pull(token), hash)).isNull();
        }

        // and neither the hub's SFTP password nor a resident's data is in any log line
        for (String line : LogCapture.lines()) {
            assertThat(line).doesNotContain(hubPassword).doesNotContain(ArrearsFiles.NAME_MARKER);
            list.bsns.forEach(bsn -> assertThat(line).doesNotContain(bsn));
        }
    }

    /** As an SFTP client uploads: under a temporary name, renamed once complete, with the server's key checked. */
    private void upload(String name, byte[] content) throws Exception {
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, knownHosts));
            client.start();
            try (ClientSession session = client.connect(HOUSING_USER, "localhost", sftpServer.getPort()).verify(WAIT).getSession()) {
                session.addPasswordIdentity(housingPassword);
                session.auth().verify(WAIT);
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                    String part = DIRECTORY + "/" + name + ".part";
                    try (OutputStream out = sftp.write(part)) {
                        out.write(content);
                    }
                    sftp.rename(part, DIRECTORY + "/" + name);
                }
            }
        }
    }

    private JsonNode awaitReport(String name) throws Exception {
        Path report = root.resolve(DIRECTORY.substring(1)).resolve(name + ".report.json");
        await().atMost(WAIT).until(() -> Files.exists(report) && Files.size(report) > 0 && parses(report));
        return JSON.readTree(Files.readString(report));
    }

    /** Written through SFTP, the report may be seen before its last bytes are. */
    private static boolean parses(Path report) {
        try {
            JSON.readTree(Files.readString(report));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static List<String> listed(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static List<String> ofFile(String hash, List<ConsumerRecord<String, byte[]>> records) {
        Set<String> ids = IntStream.rangeClosed(2, 300).mapToObj(row -> ArrearsSignals.messageId(hash, row)).collect(Collectors.toSet());
        return records.stream().map(ConsumerRecord::key).filter(ids::contains).toList();
    }

    private static JsonNode reportEvent(HttpResponse<String> batch, String hash) throws Exception {
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode e : JSON.readTree(batch.body())) {
            if ("nl.iwa.hub.inbox.file-intake-report.v1".equals(e.get("type").asText()) && hash.equals(e.at("/data/body/fileHash").asText())) {
                found.add(e);
            }
        }
        assertThat(found).as("reports of one file in one batch").hasSizeLessThanOrEqualTo(1);
        return found.isEmpty() ? null : found.get(0);
    }

    private static String token(String clientId) {
        TestTokenIssuer issuer = TestTokenIssuer.get();
        return issuer.sign(issuer.claims().claim("azp", clientId).build());
    }

    private HttpResponse<String> pull(String bearer) throws Exception {
        return http.send(HttpRequest.newBuilder(hubUri("/api/connect/v1/inbox?max=100")).header("Authorization", "Bearer " + bearer).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> ack(String bearer, String cursor) throws Exception {
        String body = JSON.createObjectNode().put("cursor", cursor).toString();
        return http.send(HttpRequest.newBuilder(hubUri("/api/connect/v1/inbox/ack")).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI hubUri(String path) {
        return URI.create("http://localhost:" + hub.port() + path);
    }
}
