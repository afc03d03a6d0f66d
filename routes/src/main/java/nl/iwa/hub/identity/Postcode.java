package nl.iwa.hub.identity;

import java.util.Locale;
import java.util.regex.Pattern;

/** Dutch postcodes: four digits (not starting with 0), a space, two letters (not SA, SD or SS). */
public final class Postcode {

    private static final Pattern FORM = Pattern.compile("[1-9][0-9]{3} ?[A-Z]{2}");

    private Postcode() {
    }

    public static boolean isValid(String raw) {
        if (raw == null) {
            return false;
        }
        String p = raw.trim().toUpperCase(Locale.ROOT);
        if (!FORM.matcher(p).matches()) {
            return false;
        }
        String letters = p.substring(p.length() - 2);
        return !letters.equals("SA") && !letters.equals("SD") && !letters.equals("SS");
    }

    /** "6411ab" and "6411 AB" both become "6411 AB". */
    public static String normalise(String raw) {
        String p = raw.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        return p.length() == 6 ? p.substring(0, 4) + " " + p.substring(4) : p;
    }
}
