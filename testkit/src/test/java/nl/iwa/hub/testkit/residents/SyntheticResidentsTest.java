package nl.iwa.hub.testkit.residents;

import static nl.iwa.hub.testkit.residents.SyntheticBsnTest.passesElevenTest;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import nl.iwa.hub.contract.common.Subject;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class SyntheticResidentsTest {

    @Test
    void residentsDoNotShareABsnSoOneCasesConsentCannotLegaliseAnother() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            String bsn = SyntheticResidents.next().getBsn();
            assertThat(passesElevenTest(bsn)).as(bsn).isTrue();
            assertThat(seen.add(bsn)).as("repeated " + bsn).isTrue();
        }
    }

    @Test
    void residentsWhoNeverConsentNeverShareABsnWithResidentsWhoMay() {
        Set<String> mayConsent = new HashSet<>();
        for (int i = 0; i < 20_000; i++) { // more than a whole cycle of each sequence
            mayConsent.add(SyntheticResidents.next().getBsn());
        }
        Set<String> neverConsent = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String bsn = SyntheticResidents.neverConsenting().getBsn();
            assertThat(passesElevenTest(bsn)).as(bsn).isTrue();
            neverConsent.add(bsn);
        }

        assertThat(mayConsent).hasSizeGreaterThan(8_000).doesNotContainAnyElementsOf(neverConsent);
        assertThat(neverConsent).hasSizeGreaterThan(800);
    }

    @RepeatedTest(20)
    void residentsHaveValidPostcodesAndPersonalValuesOfTheirOwn() {
        Subject s = SyntheticResidents.next();
        Subject other = SyntheticResidents.next();

        assertThat(s.getPostcode()).matches("[1-9][0-9]{3} [A-Z]{2}");
        assertThat(s.getBirthDate()).isNotNull();
        assertThat(SyntheticResidents.personalValues(s)).hasSize(7).contains(s.getBsn(), s.getFamilyName(), s.getEmail());
        assertThat(s.getFamilyName()).isNotEqualTo(other.getFamilyName());
        assertThat(s.getGivenName()).isNotEqualTo(other.getGivenName());
    }

    @Test
    void residentsWithoutABsnAreIdentifiedByNameBirthDateAndPostcodeAndNeverAlikeByTheLettersOfTheirNames() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            Subject s = SyntheticResidents.withoutBsn();
            assertThat(s.getBsn()).isNull();
            assertThat(s.getPostcode()).matches("[1-9][0-9]{3} [A-Z]{2}");
            assertThat(s.getBirthDate()).isNotNull();
            assertThat(s.getGivenName()).isNotBlank();
            // the hub identifies by the letters of the family name, so those must differ (digits would not count)
            assertThat(seen.add(s.getFamilyName().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", ""))).as(s.getFamilyName()).isTrue();
        }
        assertThat(SyntheticResidents.letters(0)).isEqualTo("a");
        assertThat(SyntheticResidents.letters(27)).isEqualTo("bb");
    }

    @Test
    void postcodesAvoidTheLetterPairsThatAreNotIssued() {
        assertThat(SyntheticResidents.postcode(0, 'S' - 'A', 'S' - 'A')).isEqualTo("6411 AB");
        assertThat(SyntheticResidents.postcode(19, 'X' - 'A', 'Z' - 'A')).isEqualTo("6430 XZ");
    }
}
