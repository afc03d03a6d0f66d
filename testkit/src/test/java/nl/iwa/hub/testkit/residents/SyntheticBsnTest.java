package nl.iwa.hub.testkit.residents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticBsnTest {

    /** The 11-test (elfproef) for BSNs: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11. */
    static boolean passesElevenTest(String bsn) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (bsn.charAt(i) - '0');
        }
        return (sum - (bsn.charAt(8) - '0')) % 11 == 0;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 42, 999, 5000, 9999, 10_042})
    void bsnsComeFromTheUnissuedRangeAndPassTheElevenTest(int seed) {
        String bsn = SyntheticBsn.of(seed);

        assertThat(bsn).hasSize(9).startsWith("9999").containsOnlyDigits();
        assertThat(passesElevenTest(bsn)).as(bsn).isTrue();
    }

    @Test
    void theInvalidBsnFailsTheElevenTest() {
        assertThat(SyntheticBsn.INVALID).hasSize(9).containsOnlyDigits();
        assertThat(passesElevenTest(SyntheticBsn.INVALID)).isFalse();
    }

    @Test
    void seedsWithABsnOfTheirOwnNeverShareOne() {
        Set<String> seen = new HashSet<>();
        int skipped = 0;
        for (int seed = 0; seed < 10_000; seed++) {
            if (SyntheticBsn.hasOwnBsn(seed)) {
                assertThat(seen.add(SyntheticBsn.of(seed))).as("seed %d", seed).isTrue();
            } else {
                skipped++;
                assertThat(SyntheticBsn.of(seed)).isEqualTo(SyntheticBsn.of(seed + 1));
            }
        }
        // about one seed in eleven has check digit 10
        assertThat(skipped).isBetween(700, 1_100);
        assertThat(seen).hasSize(10_000 - skipped);
    }
}
