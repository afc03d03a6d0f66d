package nl.iwa.hub.testkit.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * A certificate issued by a {@link ThrowawayCa} together with its private key, and the two ways the local
 * stack hands it to a TLS peer: a PKCS12 key store for Java (the broker, the hub, Kafka clients) and PEM
 * files for kcat/librdkafka. Files holding the key are made readable by the owner only (600) where the file
 * system has POSIX permissions.
 */
public final class IssuedCertificate {

    /** Alias of the key entry in the key store written by {@link #writeKeystore}. */
    public static final String KEYSTORE_ALIAS = "iwa";

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final X509Certificate caCertificate;

    IssuedCertificate(X509Certificate certificate, PrivateKey key, X509Certificate caCertificate) {
        this.certificate = certificate;
        this.key = key;
        this.caCertificate = caCertificate;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey key() {
        return key;
    }

    /**
     * Writes a PKCS12 key store with one key entry (alias {@value #KEYSTORE_ALIAS}, chain = certificate, CA);
     * the key is protected by the same password as the store, so Kafka's {@code ssl.key.password} equals
     * {@code ssl.keystore.password}. Creates parent directories.
     */
    public void writeKeystore(Path file, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(KEYSTORE_ALIAS, key, password, new Certificate[] {certificate, caCertificate});
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, password);
            PkiFiles.write(file, bytes.toByteArray(), true);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write key store " + file, e);
        }
    }

    /**
     * Writes the chain (certificate, CA) as PEM and the key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}),
     * for librdkafka's {@code ssl.certificate.location} and {@code ssl.key.location}. Creates parent directories.
     */
    public void writePem(Path certFile, Path keyFile) {
        PkiFiles.write(certFile, ThrowawayCa.pem(List.of(certificate, caCertificate)), false);
        try {
            PkiFiles.write(keyFile, ThrowawayCa.pem(List.of(new JcaPKCS8Generator(key, null))), true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write key " + keyFile, e);
        }
    }
}
