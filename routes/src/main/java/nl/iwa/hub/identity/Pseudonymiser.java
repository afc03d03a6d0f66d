package nl.iwa.hub.identity;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.iwa.hub.contract.common.Subject;

/**
 * Turns a resident's identity into a stable pseudonym: HMAC-SHA256 under a secret key of the normalised BSN,
 * or, where the partner has no BSN, of the transliterated family name, the initials, the birth date and the
 * postcode (see {@link NameNormaliser}). The same resident gets the same pseudonym from every partner, while
 * nobody without the key can go back to the identity. A name-based and a BSN-based pseudonym of one resident
 * differ; they are brought together where both are known (a subject access request with BSN and name).
 * Residents who share family name, initials, birth date and postcode (twins with the same initials) share a
 * name-based pseudonym: for them partners must send the BSN.
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

    /**
     * Empty when the subject carries neither a BSN nor a name-based identity that identifies someone (family
     * name with letters, initials, birth date and postcode).
     */
    public Optional<String> pseudonymOf(Subject subject) {
        if (subject == null) {
            return Optional.empty();
        }
        if (subject.getBsn() != null && !subject.getBsn().isBlank()) {
            return Optional.of(pseudonymOfBsn(subject.getBsn()));
        }
        return pseudonymOf(subject.getFamilyName(), subject.getGivenName(), subject.getBirthDate(), subject.getPostcode());
    }

    public String pseudonymOfBsn(String bsn) {
        return hmac("bsn:" + Bsn.normalise(bsn));
    }

    /** Empty when these do not identify anyone: a family name without letters, no initials, no date or postcode. */
    public Optional<String> pseudonymOf(String familyName, String givenNames, LocalDate birthDate, String postcode) {
        String family = NameNormaliser.family(familyName);
        String initials = NameNormaliser.initials(givenNames);
        if (family.isEmpty() || initials.isEmpty() || birthDate == null || postcode == null || !Postcode.isValid(postcode)) {
            return Optional.empty();
        }
        // "nbp2": the second form, with initials and transliteration; "nbp" (letters a-z of the family name only)
        // made "Иванов" and "Петров", and twins, one person
        return Optional.of(hmac("nbp2:" + family + "|" + initials + "|" + birthDate + "|" + Postcode.normalise(postcode)));
    }

    /**
     * A 32-byte key for another use of the hub's secret (e.g. sealing pull cursors), the same on every instance
     * and after every restart. The input's prefix differs from every pseudonym's, so a derived key is never a
     * pseudonym, and one purpose's key tells nothing about another's.
     */
    public byte[] derivedKey(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a derived key needs a purpose");
        }
        return mac("derived-key:" + purpose);
    }

    private String hmac(String input) {
        return HexFormat.of().formatHex(mac(input));
    }

    private byte[] mac(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
