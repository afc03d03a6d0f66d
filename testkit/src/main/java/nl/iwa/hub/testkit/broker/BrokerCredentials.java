package nl.iwa.hub.testkit.broker;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import nl.iwa.hub.testkit.pki.IssuedCertificate;
import nl.iwa.hub.testkit.pki.PkiFiles;
import nl.iwa.hub.testkit.pki.ThrowawayCa;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * The certificates and secrets of one run of a secured broker (local stack, benchmark, tests): a throwaway CA,
 * the broker's and the operator's certificates, and on demand a certificate or SCRAM credential per client,
 * all in {@code dir} (files with keys or passwords are readable by their owner only). Nothing here is committed;
 * a new run makes new ones.
 */
public final class BrokerCredentials {

    /** The broker's and the operator's principals: their certificates have no OIN, so they keep their full subject. */
    public static final String BROKER_PRINCIPAL = "User:CN=iwa-broker";
    public static final String ADMIN_PRINCIPAL = "User:CN=iwa-admin";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ThrowawayCa ca;
    private final Path dir;
    private final String storePassword;
    private final Path truststore;

    private BrokerCredentials(ThrowawayCa ca, Path dir, String storePassword) {
        this.ca = ca;
        this.dir = dir;
        this.storePassword = storePassword;
        this.truststore = dir.resolve("truststore.p12");
        ca.writeTruststore(truststore, storePassword.toCharArray());
        ca.writeCaPem(dir.resolve("ca.pem"));
    }

    public static BrokerCredentials create(Path dir) {
        return new BrokerCredentials(ThrowawayCa.create("IWA Hub throwaway CA"), dir.toAbsolutePath(), randomSecret());
    }

    /** The broker's side: its certificate for localhost, the truststore, the rules and super users. */
    public BrokerSecurity brokerSecurity(int scramPort, String principalMappingRules) {
        Path keystore = dir.resolve("broker.p12");
        ca.issue(new X500Name("CN=iwa-broker"), List.of("localhost"), List.of("127.0.0.1")).writeKeystore(keystore, storePassword.toCharArray());
        return new BrokerSecurity(scramPort, keystore, truststore, storePassword, principalMappingRules,
                List.of(BROKER_PRINCIPAL, ADMIN_PRINCIPAL));
    }

    /** Client settings of the operator, a super user: applies ACLs and creates SCRAM credentials. */
    public Map<String, String> admin() {
        return certificate("admin", new X500Name("CN=iwa-admin"));
    }

    /** Client settings for mutual TLS with a new certificate of {@code subject}, kept as {@code <name>.p12}. */
    public Map<String, String> certificate(String name, X500Name subject) {
        Path keystore = dir.resolve(name + ".p12");
        IssuedCertificate cert = ca.issue(subject, List.of(), List.of());
        cert.writeKeystore(keystore, storePassword.toCharArray());
        cert.writePem(dir.resolve(name + ".pem"), dir.resolve(name + ".key"));
        Map<String, String> p = trusting("SSL");
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", keystore.toString());
        p.put("ssl.keystore.password", storePassword);
        p.put("ssl.key.password", storePassword);
        return p;
    }

    /** Client settings for SCRAM-SHA-512 over TLS (the server is verified, the client proves a password). */
    public Map<String, String> scram(String username, String password) {
        Map<String, String> p = trusting("SASL_SSL");
        p.put("sasl.mechanism", "SCRAM-SHA-512");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + username + "\" password=\"" + password + "\";");
        return p;
    }

    private Map<String, String> trusting(String protocol) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", protocol);
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", truststore.toString());
        p.put("ssl.truststore.password", storePassword);
        return p;
    }

    /** Creates or replaces a SCRAM-SHA-512 credential (as an operator would with kafka-configs --alter --add-config). */
    public static void upsertScramUser(Admin admin, String username, String password) {
        try {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(username,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the SCRAM credential of " + username + ": " + e.getMessage(), e);
        }
    }

    /** Writes client settings as a Kafka client properties file, readable by its owner only. */
    public static Path writeProperties(Path file, Map<String, String> settings) {
        Properties p = new Properties();
        p.putAll(settings);
        StringWriter text = new StringWriter();
        try {
            p.store(text, "Kafka client settings written by the IWA Hub for this run; they hold secrets");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return PkiFiles.writeSecret(file, text.toString());
    }

    public static String randomSecret() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public Path dir() {
        return dir;
    }

    public Path caPem() {
        return dir.resolve("ca.pem");
    }
}
