package nl.iwa.hub.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ElevenTestTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "111222333, true",   // 9+8+7+12+10+8+9+6-3 = 66
            "123456782, true",
            "123456789, false",
            "000000000, false",  // passes the sum, but is no number anyone has
            "12345678, false",   // eight digits: normalising is the caller's
            "1234567820, false",
            "12345678a, false",
            "'', false"})
    void appliesTheElevenTest(String bsn, boolean passes) {
        assertThat(ElevenTest.passes(bsn)).isEqualTo(passes);
    }
}
