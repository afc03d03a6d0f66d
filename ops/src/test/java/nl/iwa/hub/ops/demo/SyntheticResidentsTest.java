package nl.iwa.hub.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import nl.iwa.hub.contract.common.Subject;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class SyntheticResidentsTest {

    /** The 11-test (elfproef) for BSNs: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11. */
    static boolean passesElevenTest(String bsn) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (bsn.charAt(i) - '0');
        }
        return (sum - (bsn.charAt(8) - '0')) % 11 == 0;
    }

    @Test
    void residentsDoNotShareABsnSoOneCasesConsentCannotLegaliseAnother() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            String bsn = SyntheticResidents.nextBsn();
            assertThat(passesElevenTest(bsn)).as(bsn).isTrue();
            assertThat(seen.add(bsn)).as("repeated " + bsn).isTrue();
        }
    }

    @Test
    void residentsOfCasesThatMustLackConsentNeverShareABsnWithResidentsWhoGiveIt() {
        Set<String> mayConsent = new HashSet<>();
        for (int i = 0; i < 20_000; i++) { // more than a whole cycle of each sequence
            mayConsent.add(SyntheticResidents.nextBsn());
        }
        Set<String> neverConsent = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String bsn = SyntheticResidents.neverConsentingBsn();
            assertThat(passesElevenTest(bsn)).as(bsn).isTrue();
            neverConsent.add(bsn);
        }

        assertThat(mayConsent).hasSizeGreaterThan(8_000).doesNotContainAnyElementsOf(neverConsent);
        assertThat(neverConsent).hasSizeGreaterThan(800);
        assertThat(SyntheticResidents.forCase(Scenario.PSYCHOSOCIAL_WITHOUT_CONSENT).getBsn()).isIn(neverConsent);
        assertThat(SyntheticResidents.forCase(Scenario.PSYCHOSOCIAL).getBsn()).isIn(mayConsent);
        assertThat(SyntheticResidents.forCase(Scenario.RENT_ARREARS).getBsn()).isIn(mayConsent);
    }

    @RepeatedTest(20)
    void residentsHaveValidPostcodesAndAnIdentity() {
        Subject s = SyntheticResidents.next();

        assertThat(s.getPostcode()).matches("[1-9][0-9]{3} [A-Z]{2}");
        assertThat(s.getFamilyName()).startsWith("Demo-");
        assertThat(s.getBirthDate()).isNotNull();
    }

    @Test
    void postcodesAvoidTheLetterPairsThatAreNotIssued() {
        assertThat(SyntheticResidents.postcode(0, 'S' - 'A', 'S' - 'A')).isEqualTo("6411 AB");
        assertThat(SyntheticResidents.postcode(19, 'X' - 'A', 'Z' - 'A')).isEqualTo("6430 XZ");
    }
}
