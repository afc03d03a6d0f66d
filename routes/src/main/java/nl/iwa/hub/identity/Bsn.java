package nl.iwa.hub.identity;

/** The Dutch citizen service number: nine digits that pass the 11-test (elfproef). */
public final class Bsn {

    private Bsn() {
    }

    /** Strips spaces, dots and dashes partners commonly use; an 8-digit BSN gets its leading zero back. */
    public static String normalise(String raw) {
        String digits = raw.replaceAll("[\\s.\\-]", "");
        return digits.length() == 8 ? "0" + digits : digits;
    }

    public static boolean isValid(String raw) {
        if (raw == null) {
            return false;
        }
        String bsn = normalise(raw);
        if (!bsn.matches("\\d{9}") || bsn.equals("000000000")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (bsn.charAt(i) - '0');
        }
        sum -= bsn.charAt(8) - '0';
        return sum % 11 == 0;
    }
}
