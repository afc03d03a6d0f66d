package nl.iwa.hub.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import nl.iwa.hub.contract.common.Subject;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticResidentsTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 42, 999, 5000, 9999})
    void bsnsComeFromTheTestRangeAndPassTheElevenTest(int seed) {
        String bsn = SyntheticResidents.bsn(seed);

        assertThat(bsn).hasSize(9).startsWith("9999");
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (bsn.charAt(i) - '0');
        }
        assertThat((sum - (bsn.charAt(8) - '0')) % 11).isZero();
    }

    @RepeatedTest(20)
    void residentsHaveValidPostcodesAndAnIdentity() {
        Subject s = SyntheticResidents.next();

        assertThat(s.getPostcode()).matches("[1-9][0-9]{3} [A-Z]{2}").doesNotEndWith("SA").doesNotEndWith("SD").doesNotEndWith("SS");
        assertThat(s.getFamilyName()).startsWith("Demo-");
        assertThat(s.getBirthDate()).isNotNull();
    }
}
