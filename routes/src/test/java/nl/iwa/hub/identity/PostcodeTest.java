package nl.iwa.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostcodeTest {

    @ParameterizedTest(name = "{0} valid={1} normalised={2}")
    @CsvSource({
            "6411 AB, true, 6411 AB",
            "6411AB, true, 6411 AB",
            "6411ab, true, 6411 AB",
            "0411 AB, false, 0411 AB",
            "6411 SA, false, 6411 SA",
            "6411 SS, false, 6411 SS",
            "641 AB, false, 641AB",
            "6411 A, false, 6411A"})
    void dutchPostcodes(String input, boolean valid, String normalised) {
        assertThat(Postcode.isValid(input)).isEqualTo(valid);
        assertThat(Postcode.normalise(input)).isEqualTo(normalised);
    }
}
