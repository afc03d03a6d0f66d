package nl.iwa.hub.identity;

import nl.iwa.hub.contract.ElevenTest;

/** The Dutch citizen service number: nine digits that pass the 11-test (elfproef). */
public final class Bsn {

    private Bsn() {
    }

    /** Strips spaces, dots and dashes partners commonly use; an 8-digit BSN gets its leading zero back. */
    public static String normalise(String raw) {
        String digits = raw.replaceAll("[\\s.\\-]", "");
        return digits.length() == 8 ? "0" + digits : digits;
    }

    /** A BSN as partners write it (see {@link #normalise}) that passes the contract's 11-test. */
    public static boolean isValid(String raw) {
        return raw != null && ElevenTest.passes(normalise(raw));
    }
}
