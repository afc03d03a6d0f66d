package nl.iwa.hub.testkit.residents;

/**
 * Synthetic citizen service numbers for the demo partners, the benchmark and the tests: 9999nnnnc, a range not
 * issued to people, passing the 11-test (elfproef). The one generator they share, so a demo BSN and a test BSN
 * are made the same way.
 */
public final class SyntheticBsn {

    /** A nine-digit number that fails the 11-test (9·9+8·9+…+2·9 − 1 = 395, and 395 mod 11 = 10), for the INVALID_IDENTITY case. */
    public static final String INVALID = "999999991";

    private SyntheticBsn() {
    }

    /** The BSN of {@code seed} (taken mod 10,000); a seed whose check digit would be 10 gives the next seed's. */
    public static String of(int seed) {
        for (int s = seed; ; s++) {
            String head = head(s);
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (9 - i) * (head.charAt(i) - '0');
            }
            int check = sum % 11;
            if (check <= 9) {
                return head + check;
            }
        }
    }

    /**
     * Whether {@link #of} gives {@code seed} a BSN of its own; a sequence of seeds skips those that do not, or two
     * neighbouring seeds would share a BSN (and one resident's consent would cover another).
     */
    public static boolean hasOwnBsn(int seed) {
        return of(seed).startsWith(head(seed));
    }

    private static String head(int seed) {
        return "9999" + String.format("%04d", Math.floorMod(seed, 10_000));
    }
}
