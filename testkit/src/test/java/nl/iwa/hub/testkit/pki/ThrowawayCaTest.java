package nl.iwa.hub.testkit.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.util.ASN1Dump;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ThrowawayCaTest {

    private static final String OIN = "00000001234567890000";
    private static final char[] PASSWORD = "changeit-test".toCharArray();

    /** What Kafka's default principal builder would see for this partner: pinned so that ACLs can be written for it. */
    private static final String MIJNSTREEK_RFC2253 =
            "CN=iwa-housing-mijnstreek,2.5.4.5=#13143030303030303031323334353637383930303030,"
                    + "O=Woningcorporatie Mijnstreek,C=NL";

    private static final ThrowawayCa CA = ThrowawayCa.create("iwa-hub test CA");

    @TempDir
    Path dir;

    @Test
    void caIsSelfSignedCaCertificate() throws Exception {
        X509Certificate ca = CA.certificate();
        ca.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getKeyUsage()[6]).as("cRLSign").isTrue();
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=iwa-hub test CA");
        assertThat(ca.getNotAfter().getTime() - ca.getNotBefore().getTime())
                .isEqualTo(TimeUnit.HOURS.toMillis(7 * 24 + 1));
    }

    @Test
    void partnerCertificateRoundTripsThroughPkcs12AndRendersOinAsPrintableString() throws Exception {
        X500Name subject = ThrowawayCa.partnerSubject("iwa-housing-mijnstreek", "Woningcorporatie Mijnstreek", OIN);
        IssuedCertificate partner = CA.issue(subject, List.of(), List.of());
        Path keystoreFile = dir.resolve("nested/partner.p12");
        Path truststoreFile = dir.resolve("nested/truststore.p12");
        partner.writeKeystore(keystoreFile, PASSWORD);
        CA.writeTruststore(truststoreFile, PASSWORD);

        KeyStore keystore = load(keystoreFile);
        assertThat(keystore.isKeyEntry(IssuedCertificate.KEYSTORE_ALIAS)).isTrue();
        assertThat(keystore.getKey(IssuedCertificate.KEYSTORE_ALIAS, PASSWORD)).isEqualTo(partner.key());
        Certificate[] chain = keystore.getCertificateChain(IssuedCertificate.KEYSTORE_ALIAS);
        assertThat(chain).containsExactly(partner.certificate(), CA.certificate());

        KeyStore truststore = load(truststoreFile);
        assertThat(truststore.isCertificateEntry(ThrowawayCa.TRUSTSTORE_ALIAS)).isTrue();
        X509Certificate trustedCa = (X509Certificate) truststore.getCertificate(ThrowawayCa.TRUSTSTORE_ALIAS);
        assertThat(trustedCa).isEqualTo(CA.certificate());

        X509Certificate cert = (X509Certificate) chain[0];
        cert.verify(trustedCa.getPublicKey());
        assertThat(cert.getIssuerX500Principal()).isEqualTo(trustedCa.getSubjectX500Principal());
        assertThat(cert.getSerialNumber().signum()).isPositive();
        assertThat(cert.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
        assertThat(cert.getExtendedKeyUsage()).containsExactly(
                KeyPurposeId.id_kp_serverAuth.getId(), KeyPurposeId.id_kp_clientAuth.getId());
        assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(cert.getKeyUsage()[2]).as("keyEncipherment").isTrue();
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getSubjectAlternativeNames()).isNull();
        assertThat(cert.getNotAfter()).isEqualTo(CA.certificate().getNotAfter());

        // the principal name as Kafka's default principal builder renders it: RFC 2253, OIN as DER hex
        String rfc2253 = cert.getSubjectX500Principal().getName();
        assertThat(rfc2253).isEqualTo(MIJNSTREEK_RFC2253);
        String oinHex = HexFormat.of().formatHex(OIN.getBytes(StandardCharsets.US_ASCII));
        assertThat(rfc2253).contains("2.5.4.5=#1314" + oinHex);

        // and the DER itself: serialNumber is a PrintableString
        X500Name encoded = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        ASN1Encodable serialNumber = encoded.getRDNs(BCStyle.SERIALNUMBER)[0].getFirst().getValue();
        assertThat(serialNumber).isInstanceOf(DERPrintableString.class);
        String dump = ASN1Dump.dumpAsString(ASN1Primitive.fromByteArray(cert.getSubjectX500Principal().getEncoded()));
        assertThat(dump).contains("ObjectIdentifier(2.5.4.5)").contains("PrintableString(" + OIN + ")");

        if (keystoreFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystoreFile)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void subjectWithoutOinHasNoSerialNumber() {
        X500Name subject = ThrowawayCa.partnerSubject("iwa-hub", "IWA", null);
        X509Certificate cert = CA.issue(subject, List.of(), List.of()).certificate();
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=iwa-hub,O=IWA,C=NL");
    }

    @Test
    void pemFilesForLibrdkafka() throws Exception {
        IssuedCertificate partner = CA.issue(
                ThrowawayCa.partnerSubject("kcat", "Woningcorporatie Mijnstreek", OIN), List.of(), List.of());
        Path certFile = dir.resolve("pem/client.crt");
        Path keyFile = dir.resolve("pem/client.key");
        Path caFile = dir.resolve("pem/ca.crt");
        partner.writePem(certFile, keyFile);
        CA.writeCaPem(caFile);

        assertThat(Files.readString(keyFile)).startsWith("-----BEGIN PRIVATE KEY-----");
        List<Object> certs = readPem(certFile);
        assertThat(certs).hasSize(2).allSatisfy(o -> assertThat(o).isInstanceOf(X509CertificateHolder.class));
        assertThat(((X509CertificateHolder) certs.get(0)).getEncoded()).isEqualTo(partner.certificate().getEncoded());
        assertThat(((X509CertificateHolder) certs.get(1)).getEncoded()).isEqualTo(CA.certificate().getEncoded());
        List<Object> key = readPem(keyFile);
        assertThat(key).singleElement().isInstanceOf(PrivateKeyInfo.class);
        assertThat(((PrivateKeyInfo) key.get(0)).getEncoded()).isEqualTo(partner.key().getEncoded());
        assertThat(readPem(caFile)).singleElement().isInstanceOf(X509CertificateHolder.class);
        if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void mutualTlsHandshakeOverTls13SeesClientSubject() throws Exception {
        IssuedCertificate server = CA.issue(ThrowawayCa.partnerSubject("localhost", "IWA Hub", null),
                List.of("localhost"), List.of("127.0.0.1"));
        IssuedCertificate client = CA.issue(
                ThrowawayCa.partnerSubject("iwa-housing-mijnstreek", "Woningcorporatie Mijnstreek", OIN),
                List.of(), List.of());
        Path truststore = dir.resolve("tls/truststore.p12");
        Path serverKeystore = dir.resolve("tls/server.p12");
        Path clientKeystore = dir.resolve("tls/client.p12");
        CA.writeTruststore(truststore, PASSWORD);
        server.writeKeystore(serverKeystore, PASSWORD);
        client.writeKeystore(clientKeystore, PASSWORD);

        SSLContext serverContext = sslContext(serverKeystore, truststore);
        SSLContext clientContext = sslContext(clientKeystore, truststore);

        // the client checks the server's name the way Kafka does by default (ssl.endpoint.identification.algorithm=https):
        // once against the IP SAN and once against the DNS SAN
        List<String> peerHosts = List.of("127.0.0.1", "localhost");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"))) {
            listener.setNeedClientAuth(true);
            listener.setSoTimeout(20_000);
            Future<List<String>> seenByServer = executor.submit(() -> {
                List<String> principals = new ArrayList<>();
                for (int i = 0; i < peerHosts.size(); i++) {
                    try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                        accepted.setSoTimeout(20_000);
                        accepted.startHandshake();
                        principals.add(accepted.getSession().getPeerPrincipal().getName());
                        int ping = accepted.getInputStream().read();
                        accepted.getOutputStream().write(ping + 1);
                        accepted.getOutputStream().flush();
                    }
                }
                return principals;
            });

            for (String peerHost : peerHosts) {
                Socket plain = new Socket();
                plain.connect(new InetSocketAddress("127.0.0.1", listener.getLocalPort()), 10_000);
                plain.setSoTimeout(20_000);
                try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory()
                        .createSocket(plain, peerHost, listener.getLocalPort(), true)) {
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    socket.setSSLParameters(parameters);
                    socket.startHandshake();
                    assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
                    assertThat(socket.getSession().getPeerPrincipal().getName())
                            .isEqualTo("CN=localhost,O=IWA Hub,C=NL");
                    socket.getOutputStream().write(41);
                    socket.getOutputStream().flush();
                    assertThat(socket.getInputStream().read()).isEqualTo(42);
                }
            }
            assertThat(seenByServer.get(30, TimeUnit.SECONDS)).containsExactly(MIJNSTREEK_RFC2253, MIJNSTREEK_RFC2253);
        } finally {
            executor.shutdownNow();
        }
    }

    private static SSLContext sslContext(Path keystoreFile, Path truststoreFile) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(load(keystoreFile), PASSWORD);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(load(truststoreFile));
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static List<Object> readPem(Path file) throws Exception {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                objects.add(o);
            }
        }
        return objects;
    }
}
