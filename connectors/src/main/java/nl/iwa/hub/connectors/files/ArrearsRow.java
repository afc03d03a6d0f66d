package nl.iwa.hub.connectors.files;

import java.time.LocalDate;

/**
 * A valid row: the resident and the arrears, normalised (postcode {@code 1234 AB}, family name with its prefix,
 * house number with its addition, amount in euro cents). Optional parts are null.
 */
public record ArrearsRow(String bsn, String initials, String familyName, LocalDate birthDate, String street,
                         String houseNumber, String postcode, String city, long amountCents, LocalDate arrearsStart) {

    /** Never prints the values: a row must not reach a log by accident. */
    @Override
    public String toString() {
        return "ArrearsRow[personal data withheld]";
    }
}
