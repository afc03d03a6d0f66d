package nl.iwa.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BsnTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {
            "111222333, true",    // 9+8+7+12+10+8+9+6-3 = 66
            "999999990, true",
            "11122233, false",    // 8 digits become 011122233, which fails
            "111.222.333, true",  // separators are tolerated
            "111222334, false",
            "123456789, false",
            "000000000, false",
            "12345678a, false",
            "1112223333, false",
            "'', false",
            "NULL, false"})
    void elevenTest(String input, boolean valid) {
        assertThat(Bsn.isValid(input)).isEqualTo(valid);
    }
}
