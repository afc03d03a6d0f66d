package nl.iwa.hub.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * The hub's Ed25519 key for sealing the audit trail: from a PKCS#8 PEM file, or from a key store (PKCS#12 file,
 * or PKCS#11 for a hardware module, where the key never leaves the device). Never from the environment, which
 * any process of the same user and many crash reports can read. A broker administrator does not hold this key,
 * so he cannot sign a trail he rewrote.
 */
public final class AuditSigningKey {

    private final Signer signer;
    private final PublicKey publicKey;
    private final String keyId;

    /**
     * Signs a text. Each decide task seals its chain's head with every decision, and a hub may run several decide
     * threads ({@code IWA_INTAKE_DECIDETHREADS}), so a signer is called from several threads at once.
     */
    private interface Signer {
        byte[] sign(byte[] text) throws GeneralSecurityException;
    }

    private AuditSigningKey(Signer signer, PublicKey publicKey) {
        this.signer = signer;
        this.publicKey = publicKey;
        this.keyId = TrustedKeys.keyIdOf(publicKey);
    }

    /**
     * From a PEM file holding an unencrypted PKCS#8 Ed25519 key ({@code openssl genpkey -algorithm ed25519}).
     * Signed with Bouncy Castle: some 25 times faster than the JDK's Ed25519, and a seal is signed per transaction.
     */
    public static AuditSigningKey fromPemFile(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the audit signing key file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        try {
            AsymmetricKeyParameter key = PrivateKeyFactory.createKey(pemBody(pem, "PRIVATE KEY", file));
            if (!(key instanceof Ed25519PrivateKeyParameters ed)) {
                throw new IllegalStateException("the audit signing key in " + file + " is not an Ed25519 key");
            }
            byte[] spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(ed.generatePublicKey()).getEncoded();
            // a Bouncy Castle signer buffers the text it signs: one per signature, as cheap as a byte buffer
            return new AuditSigningKey(text -> {
                Ed25519Signer bc = new Ed25519Signer();
                bc.init(true, ed);
                bc.update(text, 0, text.length);
                return bc.generateSignature();
            }, TrustedKeys.publicKeyOf(spki));
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            throw new IllegalStateException("the audit signing key file " + file + " is not a PKCS#8 PEM private key");
        }
    }

    /**
     * From a key store: {@code type} PKCS12 (a file) or PKCS11 (a hardware module configured in the JDK's
     * java.security; {@code file} is then null). The alias must hold an Ed25519 key with its certificate.
     */
    public static AuditSigningKey fromKeyStore(String type, Path file, String alias, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance(type);
            if (file == null) {
                store.load(null, password);
            } else {
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, password);
                }
            }
            if (!(store.getKey(alias, password) instanceof PrivateKey key) || store.getCertificate(alias) == null) {
                throw new IllegalStateException("the " + type + " key store has no private key with a certificate under alias " + alias);
            }
            PublicKey publicKey = store.getCertificate(alias).getPublicKey();
            if (!"Ed25519".equals(publicKey.getAlgorithm()) && !"EdDSA".equals(publicKey.getAlgorithm())) {
                throw new IllegalStateException("the key under alias " + alias + " is not an Ed25519 key");
            }
            Signature signature = Signature.getInstance("Ed25519");
            // one Signature per key store, used one signature at a time: a hardware module may hold one session
            return new AuditSigningKey(text -> {
                synchronized (signature) {
                    signature.initSign(key);
                    signature.update(text);
                    return signature.sign();
                }
            }, TrustedKeys.publicKeyOf(publicKey.getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the " + type + " key store for the audit signing key ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    public byte[] sign(String text) {
        try {
            return signer.sign(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing an audit seal failed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The first 16 hex digits of the SHA-256 of the public key (SubjectPublicKeyInfo): names the key in each seal. */
    public String keyId() {
        return keyId;
    }

    /** The public key as PEM, to keep beside exported checkpoints and to verify them with openssl. */
    public String publicKeyPem() {
        return TrustedKeys.pem(publicKey);
    }

    static byte[] pemBody(String pem, String label, Path source) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(source + " holds no PEM block " + label);
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }
}
