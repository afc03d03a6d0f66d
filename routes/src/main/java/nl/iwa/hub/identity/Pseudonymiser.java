package nl.iwa.hub.identity;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.iwa.hub.contract.common.Subject;

/**
 * Turns a resident's identity into a stable pseudonym: HMAC-SHA256 under a secret key of the normalised BSN,
 * or, where the partner has no BSN, of normalised family name + birth date + postcode. The same resident gets
 * the same pseudonym from every partner, while nobody without the key can go back to the identity.
 */
public final class Pseudonymiser {

    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;

    public Pseudonymiser(byte[] secret) {
        if (secret == null || secret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonym key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** Empty when the subject carries neither a BSN nor the full name + birth date + postcode triple. */
    public Optional<String> pseudonymOf(Subject subject) {
        if (subject == null) {
            return Optional.empty();
        }
        if (subject.getBsn() != null && !subject.getBsn().isBlank()) {
            return Optional.of(hmac("bsn:" + Bsn.normalise(subject.getBsn())));
        }
        if (subject.getFamilyName() != null && subject.getBirthDate() != null && subject.getPostcode() != null) {
            return Optional.of(hmac("nbp:" + normaliseName(subject.getFamilyName()) + "|"
                    + subject.getBirthDate() + "|" + Postcode.normalise(subject.getPostcode())));
        }
        return Optional.empty();
    }

    public String pseudonymOfBsn(String bsn) {
        return hmac("bsn:" + Bsn.normalise(bsn));
    }

    public String pseudonymOf(String familyName, LocalDate birthDate, String postcode) {
        return hmac("nbp:" + normaliseName(familyName) + "|" + birthDate + "|" + Postcode.normalise(postcode));
    }

    /** Lower case, accents stripped, only letters kept: "van 't Hoff-Éijk" and "Van t Hoff Eijk" agree. */
    static String normaliseName(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    private String hmac(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
