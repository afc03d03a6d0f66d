package nl.iwa.hub.identity;

import com.ibm.icu.text.Transliterator;
import java.util.Locale;

/**
 * One Latin, lower-case, letters-only form of a name, whatever the script a partner wrote it in: Cyrillic,
 * Greek, Arabic, Chinese and accented Latin are transliterated (ICU's Any-Latin, then Latin-ASCII), so that
 * "Иванов" and "Ivanov" agree and "Иванов" and "Петров" do not. What has no letters left (punctuation,
 * digits, emoji) identifies nobody and normalises to the empty string.
 */
public final class NameNormaliser {

    /** Transliterators hold per-use state: one per thread. */
    private static final ThreadLocal<Transliterator> TO_LATIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Any-Latin; Latin-ASCII"));

    private NameNormaliser() {
    }

    /** "van 't Hoff-Éijk" → "vanthoffeijk"; "Иванов" → "ivanov"; "李" → "li"; "!!!" → "". */
    public static String family(String name) {
        return name == null ? "" : latin(name).replaceAll("[^a-z]", "");
    }

    /**
     * The initials of the given names, as the early-debt-signalling data carry them ("voorletters"):
     * "Anna Maria", "A.M." and "anna-maria" all give "am". Empty when there are none.
     */
    public static String initials(String givenNames) {
        if (givenNames == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        // names are separated by spaces, dots and hyphens; an apostrophe or a transliterated soft sign (Ольга:
        // Ol'ga) is inside a name
        for (String part : latin(givenNames).split("[\\s.\\-]+")) {
            String letters = part.replaceAll("[^a-z]", "");
            if (!letters.isEmpty()) {
                out.append(letters.charAt(0));
            }
        }
        return out.toString();
    }

    private static String latin(String s) {
        // ASCII is Latin and ASCII already, so both transliterations leave it as it is; they cost tens of
        // microseconds a name even then, and every record without a BSN is pseudonymised at intake and again at
        // its decision (a benchmark of such residents spent most of both threads' samples in ICU)
        if (isAscii(s)) {
            return s.toLowerCase(Locale.ROOT);
        }
        return TO_LATIN.get().transliterate(s).toLowerCase(Locale.ROOT);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The transliteration alone, whatever the input: for the test that the ASCII shortcut changes nothing. */
    static String transliterated(String s) {
        return TO_LATIN.get().transliterate(s).toLowerCase(Locale.ROOT);
    }
}
