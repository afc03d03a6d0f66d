package nl.iwa.hub.testkit.residents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticBsnTest {

    /** The contract's 11-test (elfproef), the one the hub applies at intake. */
    static boolean passesElevenTest(String bsn) {
        return nl.iwa.hub.contract.ElevenTest.passes(bsn);
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
