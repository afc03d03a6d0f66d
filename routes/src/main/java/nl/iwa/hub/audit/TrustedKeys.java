package nl.iwa.hub.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The public keys whose seals the hub accepts: its current signing key and the keys it used before (kept after
 * a rotation so older checkpoints still verify). Verification uses the JDK's Ed25519: it runs once per seal read.
 */
public final class TrustedKeys {

    private final Map<String, PublicKey> byId = new LinkedHashMap<>();

    public TrustedKeys(Collection<PublicKey> keys) {
        keys.forEach(k -> byId.put(keyIdOf(k), k));
    }

    /** The current key and public keys from PEM files (SubjectPublicKeyInfo, "BEGIN PUBLIC KEY"). */
    public static TrustedKeys of(AuditSigningKey current, Collection<Path> retiredPublicKeys) {
        java.util.List<PublicKey> keys = new java.util.ArrayList<>();
        keys.add(current.publicKey());
        for (Path file : retiredPublicKeys) {
            try {
                keys.add(publicKeyOf(AuditSigningKey.pemBody(Files.readString(file, StandardCharsets.US_ASCII), "PUBLIC KEY", file)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the trusted audit key " + file + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        return new TrustedKeys(keys);
    }

    public Set<String> ids() {
        return byId.keySet();
    }

    /** Whether the signature over the text was made with the trusted key of that id. */
    public boolean verify(String keyId, String text, byte[] signature) {
        PublicKey key = byId.get(keyId);
        if (key == null || signature == null) {
            return false;
        }
        try {
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(key);
            v.update(text.getBytes(StandardCharsets.UTF_8));
            return v.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Every trusted key as PEM, current first. */
    public String pem() {
        StringBuilder out = new StringBuilder();
        byId.values().forEach(k -> out.append(pem(k)));
        return out.toString();
    }

    static PublicKey publicKeyOf(byte[] subjectPublicKeyInfo) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an Ed25519 public key (" + e.getClass().getSimpleName() + ")");
        }
    }

    static String keyIdOf(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }
}
