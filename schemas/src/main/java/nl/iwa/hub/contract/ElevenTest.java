package nl.iwa.hub.contract;

/**
 * The 11-test (elfproef) a citizen service number (BSN) must pass, as the contract's {@code Subject.bsn} says:
 * nine digits whose weighted sum (9, 8, ..., 2 and -1 for the last) is divisible by 11, and not all zeros. Here,
 * in the contract, so that the hub's intake, its file connector and the synthetic test residents apply one rule.
 */
public final class ElevenTest {

    private ElevenTest() {
    }

    /** Whether {@code bsn}, exactly nine digits (no spaces or separators), passes the 11-test. */
    public static boolean passes(String bsn) {
        if (bsn == null || bsn.length() != 9 || !bsn.chars().allMatch(c -> c >= '0' && c <= '9') || bsn.equals("000000000")) {
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
