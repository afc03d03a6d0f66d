package nl.iwa.hub.testkit.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * The hub's audit signing key for a run of the local stack, the benchmark or the tests: an Ed25519 key as an
 * owner-only PKCS#8 PEM file, the form {@code openssl genpkey -algorithm ed25519} writes. Kept when it exists,
 * so a trail sealed in an earlier run with the same broker data still verifies.
 */
public final class AuditKeyFile {

    private AuditKeyFile() {
    }

    public static Path ensure(Path file) {
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            byte[] pkcs8 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
            return PkiFiles.writeSecret(file, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make an Ed25519 key", e);
        }
    }
}
