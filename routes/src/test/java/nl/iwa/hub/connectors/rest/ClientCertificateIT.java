package nl.iwa.hub.connectors.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.testing.FscManager;
import nl.iwa.hub.testing.LogCapture;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.testing.StandaloneHub;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testing.TestTokenIssuer;
import nl.iwa.hub.testkit.TopicProbe;
import nl.iwa.hub.testkit.pki.IssuedCertificate;
import nl.iwa.hub.testkit.pki.ThrowawayCa;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Partners' systems identified by their PKIoverheid-style client certificate (the OIN in serialNumber), directly or
 * through the hub's FSC Inway, over real mutual TLS: one hub of its own serving HTTPS with {@code client-auth: want}
 * and a trust store of this test's CA, its own partners.yaml in which housing-mijnstreek authenticates by certificate
 * and the GP by OAuth2 token, and an FSC Inway and Manager. Every refused request is checked to have written nothing
 * to any outbox.
 */
class ClientCertificateIT {

    private static final String HOUSING_OIN = "99999999000000000555";
    private static final String INWAY_OIN = "99999999000000000999";
    private static final String PREFIX = "mtls" + Long.toString(System.nanoTime() % 1_000_000, 36);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    static ThrowawayCa ca;
    static FscManager manager;
    static StandaloneHub hub;
    static IssuedCertificate housing;
    static IssuedCertificate inway;

    private final TestTokenIssuer idp = TestTokenIssuer.get();
    private final List<String> refusedIds = new ArrayList<>();
    private final Subject resident = SyntheticResidents.next();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "client-certificate-it");
        ca = ThrowawayCa.create("ClientCertificateIT CA");
        ca.issue(ThrowawayCa.partnerSubject("localhost", "IWA Hub", INWAY_OIN), List.of("localhost"), List.of("127.0.0.1"))
                .writePem(dir.resolve("hub.crt"), dir.resolve("hub.key"));
        ca.writeCaPem(dir.resolve("client-ca.pem"));
        housing = ca.issue(ThrowawayCa.partnerSubject("iwa-rest.mijnstreek.example", "Woningcorporatie Mijnstreek", HOUSING_OIN), List.of(), List.of());
        inway = ca.issue(ThrowawayCa.partnerSubject("inway.hub.example.nl", "IWA Hub", INWAY_OIN), List.of(), List.of());
        manager = new FscManager(ca, INWAY_OIN);
        Path managerCertificate = manager.writeCertificate(dir.resolve("fsc-manager.pem"));

        // the reviewed partners, with the housing corporation's REST system known by its certificate's OIN
        Path config = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
        String partners = Files.readString(config.resolve("partners.yaml")).replace(
                "  - id: housing-mijnstreek\n",
                "  - id: housing-mijnstreek\n    connectors: {rest: {certificateOin: \"" + HOUSING_OIN + "\"}}\n");
        assertThat(partners).contains(HOUSING_OIN);
        Path partnersFile = Files.writeString(dir.resolve("partners.yaml"), partners);

        TestTokenIssuer idp = TestTokenIssuer.get();
        hub = StandaloneHub.start(PREFIX,
                "--iwa.config.partners=" + partnersFile.toAbsolutePath(),
                "--iwa.security.oidc.issuer-uri=" + idp.issuer(),
                "--iwa.security.oidc.audience=" + TestTokenIssuer.AUDIENCE,
                "--iwa.security.oidc.roles-claim=" + TestTokenIssuer.ROLES_CLAIM,
                "--server.ssl.bundle=hub",
                "--server.ssl.client-auth=want",
                "--spring.ssl.bundle.pem.hub.keystore.certificate=file:" + dir.resolve("hub.crt").toAbsolutePath(),
                "--spring.ssl.bundle.pem.hub.keystore.private-key=file:" + dir.resolve("hub.key").toAbsolutePath(),
                "--spring.ssl.bundle.pem.hub.truststore.certificate=file:" + dir.resolve("client-ca.pem").toAbsolutePath(),
                "--iwa.connectors.fsc.inway-oin=" + INWAY_OIN,
                "--iwa.connectors.fsc.group-id=" + FscManager.GROUP,
                "--iwa.connectors.fsc.service=" + FscManager.SERVICE,
                "--iwa.connectors.fsc.manager-certificates=" + managerCertificate.toAbsolutePath());
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private String signal(String senderPartnerId) {
        String messageId = UUID.randomUUID().toString();
        return """
                {"messageId":"%s","correlationId":"%s",%s"receiverPartnerId":"socialteam-heerlen","purpose":"EARLY_DEBT_SIGNALLING",
                 "occurredAt":"%s","body":{"signalType":"RENT_ARREARS","domain":"HOUSING",
                 "subject":{"bsn":"%s"},"facts":{"arrearsMonths":2}}}""".formatted(messageId, UUID.randomUUID(),
                senderPartnerId == null ? "" : "\"senderPartnerId\":\"" + senderPartnerId + "\",", Instant.now(), resident.getBsn());
    }

    private static String idOf(String json) throws IOException {
        return JSON.readTree(json).get("messageId").asText();
    }

    /** Sends as the TLS client {@code certificate} (null: none), with the given extra headers (name, value, ...). */
    private HttpResponse<String> send(IssuedCertificate certificate, String json, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + hub.port() + "/api/connect/v1/signals"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = client(certificate).send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).doesNotContain(resident.getBsn());
        return response;
    }

    private HttpResponse<String> refused(int status, IssuedCertificate certificate, String json, String... headers) throws Exception {
        refusedIds.add(idOf(json));
        HttpResponse<String> response = send(certificate, json, headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    private static void isProblem(HttpResponse<String> response, String detail) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(response.statusCode());
        assertThat(problem.get("detail").asText()).contains(detail);
    }

    private String gpToken() {
        return idp.sign(idp.claims().claim("azp", "gp-his-test").build());
    }

    @Test
    void theHousingCorporationsCertificateSendsASignalThatReachesTheSocialTeamsInbox() throws Exception {
        String json = signal(null);
        String caseId = JSON.readTree(json).get("correlationId").asText();

        HttpResponse<String> answer = send(housing, json);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        // read as the operator: the hub only writes inboxes, and this one is under the test's own prefix
        try (TopicProbe<byte[]> inbox = new TopicProbe<>(TestInfrastructure.get().adminConnection().properties(),
                PREFIX + ".socialteam-heerlen.inbox", new ByteArrayDeserializer())) {
            await().atMost(WAIT).until(() -> inbox.records().stream().anyMatch(r -> contains(r, caseId)));
        }
        // the same signal naming the housing corporation as its sender is its own, and fine
        assertThat(send(housing, signal("housing-mijnstreek")).statusCode()).isEqualTo(202);
        assertThat(LogCapture.lines()).noneMatch(line -> line.contains(resident.getBsn()));
    }

    @Test
    void certificatesAndTokensThatNameNobodyOrDifferentPartnersAreRefusedAndWriteNothing() throws Exception {
        IssuedCertificate unknownOin = ca.issue(ThrowawayCa.partnerSubject("x", "Onbekend", "99999999000000000777"), List.of(), List.of());
        IssuedCertificate noOin = ca.issue(ThrowawayCa.partnerSubject("x", "Zonder OIN", null), List.of(), List.of());
        IssuedCertificate otherCa = ThrowawayCa.create("someone else's CA")
                .issue(ThrowawayCa.partnerSubject("x", "Woningcorporatie Mijnstreek", HOUSING_OIN), List.of(), List.of());

        isProblem(refused(403, unknownOin, signal(null)), "client certificate names no partner");
        isProblem(refused(403, noOin, signal(null)), "client certificate names no partner");
        // an unknown certificate is refused even beside a partner's good token
        isProblem(refused(403, unknownOin, signal(null), "Authorization", "Bearer " + gpToken()), "client certificate names no partner");
        refused(401, null, signal(null));
        isProblem(refused(403, housing, signal("gp-heerlen-centrum")), "senderPartnerId");
        // the housing corporation's certificate and the GP's token: two callers, neither is picked
        isProblem(refused(403, housing, signal(null), "Authorization", "Bearer " + gpToken()), "name different callers");
        // a staff token does not turn a partner's certificate into staff, nor the other way round
        isProblem(refused(403, housing, signal(null), "Authorization", "Bearer " + idp.sign(idp.claims("OPS").build())), "name different callers");
        // a certificate with the right OIN from a CA the hub does not trust never gets past the handshake
        refusedIds.add("untrusted");
        assertThat(handshakeRefused(otherCa)).isTrue();

        // the GP's token alone still works over this HTTPS: the refusals were not for lack of a working edge
        String fine = signal(null);
        assertThat(send(null, fine, "Authorization", "Bearer " + gpToken()).statusCode()).isEqualTo(202);
        assertNothingWrittenFor(refusedIds, idOf(fine), "gp-heerlen-centrum");
    }

    @Test
    void fscAuthorizationIsHonouredFromTheInwayOnlyAndOnlyWhenTheManagerSignedIt() throws Exception {
        String fromInway = signal(null);
        String token = manager.sign(manager.claims(HOUSING_OIN).build());

        HttpResponse<String> accepted = send(inway, fromInway, "Fsc-Authorization", "Bearer " + token);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        // the same good token from the housing corporation itself, or from anyone without the Inway's certificate
        isProblem(refused(403, housing, signal(null), "Fsc-Authorization", "Bearer " + token), "only from the hub's FSC Inway");
        isProblem(refused(403, null, signal(null), "Fsc-Authorization", "Bearer " + token,
                "Authorization", "Bearer " + gpToken()), "only from the hub's FSC Inway");
        // from the Inway, but forged, expired or of another Group
        HttpResponse<String> forged = refused(401, inway, signal(null), "Fsc-Authorization",
                "Bearer " + manager.forger().signPretendingToBe(manager, manager.claims(HOUSING_OIN).build()));
        isProblem(forged, "not signed by a certificate of the configured FSC Manager");
        assertThat(forged.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        isProblem(refused(401, inway, signal(null), "Fsc-Authorization", "Bearer " + manager.sign(manager.claims(HOUSING_OIN)
                .expirationTime(java.util.Date.from(Instant.now().minusSeconds(600))).build())), "expired");
        isProblem(refused(401, inway, signal(null), "Fsc-Authorization", "Bearer " + manager.sign(manager.claims(HOUSING_OIN)
                .claim("gid", "another-group").build())), "(gid)");
        // a consumer Peer that is no partner, and the Inway without a token (it is nobody's system itself)
        isProblem(refused(403, inway, signal(null), "Fsc-Authorization", "Bearer " + manager.sign(manager.claims("99999999000000000777").build())),
                "FSC consumer");
        isProblem(refused(403, inway, signal(null)), "must carry the consumer's access token in Fsc-Authorization");
        // an Inway that passes the partner's OAuth2 token on in Authorization instead: that token names the caller
        assertThat(send(inway, signal(null), "Authorization", "Bearer " + gpToken()).statusCode()).isEqualTo(202);
        // the Inway with the housing corporation's token, and the GP's token beside it: two callers
        isProblem(refused(403, inway, signal(null), "Fsc-Authorization", "Bearer " + token, "Authorization", "Bearer " + gpToken()),
                "name different callers");

        assertNothingWrittenFor(refusedIds, idOf(fromInway), "housing-mijnstreek");
    }

    /** The refused ids are in no outbox; the accepted one is in its partner's (so the outboxes were read). */
    private static void assertNothingWrittenFor(List<String> refused, String acceptedId, String acceptedBy) {
        for (String partner : List.of("housing-mijnstreek", "gp-heerlen-centrum")) {
            try (TopicProbe<byte[]> outbox = new TopicProbe<>(TestInfrastructure.get().hubConnection().properties(),
                    PREFIX + "." + partner + ".outbox", new ByteArrayDeserializer())) {
                if (partner.equals(acceptedBy)) {
                    await().atMost(WAIT).until(() -> outbox.records().stream().anyMatch(r -> contains(r, acceptedId)));
                }
                List<ConsumerRecord<String, byte[]>> all = outbox.readToEnd();
                for (String id : refused) {
                    assertThat(all).as("%s outbox, refused %s", partner, id).noneMatch(r -> contains(r, id));
                }
            }
        }
    }

    private static boolean contains(ConsumerRecord<String, byte[]> record, String text) {
        return new String(record.value(), StandardCharsets.ISO_8859_1).contains(text);
    }

    /** True when the hub ends the TLS handshake over this certificate (or answers without reading a request). */
    private boolean handshakeRefused(IssuedCertificate certificate) throws Exception {
        try {
            send(certificate, signal(null));
            return false;
        } catch (IOException refused) {
            return true;
        }
    }

    private static HttpClient client(IssuedCertificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory trusting = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusting.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(certificate == null ? null : new X509ExtendedKeyManager[] {new AlwaysThisCertificate(certificate)},
                trusting.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Presents its one certificate whatever CAs the server names: the JDK's own key manager would withhold a
     * certificate of a CA the server did not list, and the hub's own trust check would go untested.
     */
    private static final class AlwaysThisCertificate extends X509ExtendedKeyManager {
        private final IssuedCertificate certificate;

        AlwaysThisCertificate(IssuedCertificate certificate) {
            this.certificate = certificate;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[] {certificate.certificate()};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return certificate.key();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
