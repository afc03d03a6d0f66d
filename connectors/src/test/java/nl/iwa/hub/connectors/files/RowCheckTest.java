package nl.iwa.hub.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RowCheckTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
    // synthetic: passes the 11-test, issued to nobody (9999xxxxx)
    static final String BSN = "999990019";

    static Map<ArrearsColumn, String> row() {
        Map<ArrearsColumn, String> v = new EnumMap<>(ArrearsColumn.class);
        v.put(ArrearsColumn.BSN, BSN);
        v.put(ArrearsColumn.INITIALS, "A.B.");
        v.put(ArrearsColumn.PREFIX, "van der");
        v.put(ArrearsColumn.FAMILY_NAME, "Proefpersoon");
        v.put(ArrearsColumn.BIRTH_DATE, "1970-05-17");
        v.put(ArrearsColumn.STREET, "Testlaan");
        v.put(ArrearsColumn.HOUSE_NUMBER, "12");
        v.put(ArrearsColumn.HOUSE_NUMBER_ADDITION, "a");
        v.put(ArrearsColumn.POSTCODE, "6411ab");
        v.put(ArrearsColumn.CITY, "Heerlen");
        v.put(ArrearsColumn.AMOUNT, "1.234,56");
        v.put(ArrearsColumn.ARREARS_START, "01-09-2026");
        return v;
    }

    @Test
    void aValidRowIsNormalised() {
        RowCheck.Verdict v = RowCheck.check(row(), TODAY);

        assertThat(v.accepted()).isTrue();
        ArrearsRow r = v.row();
        assertThat(r.bsn()).isEqualTo(BSN);
        assertThat(r.familyName()).isEqualTo("van der Proefpersoon");
        assertThat(r.houseNumber()).isEqualTo("12a");
        assertThat(r.postcode()).isEqualTo("6411 AB");
        assertThat(r.amountCents()).isEqualTo(123_456L);
        assertThat(r.arrearsStart()).isEqualTo(LocalDate.of(2026, 9, 1));
        assertThat(r.toString()).doesNotContain(BSN).doesNotContain("Proefpersoon");
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "BSN           | 999990018  | INVALID_BSN",
            "BSN           | 99999001   | INVALID_BSN",
            "BSN           | 000000000  | INVALID_BSN",
            "BSN           | 99999001x  | INVALID_BSN",
            "POSTCODE      | 0411 AB    | INVALID_POSTCODE",
            "POSTCODE      | 6411 A     | INVALID_POSTCODE",
            "POSTCODE      | ABCD 12    | INVALID_POSTCODE",
            "BIRTH_DATE    | 1970-02-30 | INVALID_BIRTH_DATE",
            "BIRTH_DATE    | 2030-01-01 | INVALID_BIRTH_DATE",
            "BIRTH_DATE    | 1850-01-01 | INVALID_BIRTH_DATE",
            "AMOUNT        | NULL       | MISSING_AMOUNT",
            "AMOUNT        | ' '        | MISSING_AMOUNT",
            "AMOUNT        | -12,00     | INVALID_AMOUNT",
            "AMOUNT        | 0,00       | INVALID_AMOUNT",
            "AMOUNT        | twaalf     | INVALID_AMOUNT",
            "AMOUNT        | 1.234.56   | INVALID_AMOUNT",
            "AMOUNT        | 12,345     | NULL",
            "ARREARS_START | 2027-01-01 | INVALID_ARREARS_START_DATE",
            "ARREARS_START | 31-13-2026 | INVALID_ARREARS_START_DATE",
            "ARREARS_START | NULL       | NULL",
    })
    void eachWrongValueHasItsReason(ArrearsColumn column, String value, RejectionReason reason) {
        Map<ArrearsColumn, String> v = row();
        v.put(column, value);

        assertThat(RowCheck.check(v, TODAY).reason()).isEqualTo(reason);
    }

    @Test
    void withoutBsnTheNameBirthDateAndPostcodeIdentify() {
        Map<ArrearsColumn, String> v = row();
        v.remove(ArrearsColumn.BSN);
        assertThat(RowCheck.check(v, TODAY).accepted()).isTrue();

        v.remove(ArrearsColumn.POSTCODE);
        assertThat(RowCheck.check(v, TODAY).reason()).isEqualTo(RejectionReason.MISSING_IDENTITY);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1234        | 123400",
            "1234,5      | 123450",
            "1234.56     | 123456",
            "1.234,56    | 123456",
            "1,234.56    | 123456",
            "€ 1.234     | 123400",
            "€1.234.567,89 | 123456789",
            "0,01        | 1",
    })
    void amountsInEuroBecomeCents(String text, long cents) {
        assertThat(RowCheck.cents(text)).isEqualTo(cents);
    }
}
