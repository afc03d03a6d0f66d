package nl.iwa.hub.connectors.files;

import nl.iwa.hub.contract.ElevenTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one row of a batch file and turns it into an {@link ArrearsRow}, or names the first thing wrong with it.
 * Pure: no I/O, the date of today given. The checks are those of the hub's intake (11-test, Dutch postcode,
 * plausible dates), so that a row the file intake accepts is not rejected by the hub for its form.
 */
public final class RowCheck {

    /** Either a row or the reason there is none. */
    public record Verdict(ArrearsRow row, RejectionReason reason) {
        static Verdict ok(ArrearsRow row) {
            return new Verdict(row, null);
        }

        static Verdict rejected(RejectionReason reason) {
            return new Verdict(null, reason);
        }

        public boolean accepted() {
            return row != null;
        }
    }

    private static final Pattern POSTCODE = Pattern.compile("([1-9][0-9]{3}) ?([A-Z]{2})");
    // 1234 | 1234,5 | 1234.56 | 1.234,56 | 1,234.56 (an optional euro sign and spaces are removed first)
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,3}(?:([.,])\\d{3})*(?:([.,])\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?");
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("dd-MM-uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("d-M-uuuu").withResolverStyle(ResolverStyle.STRICT));
    private static final LocalDate OLDEST_BIRTH = LocalDate.of(1900, 1, 1);
    private static final LocalDate OLDEST_ARREARS = LocalDate.of(2000, 1, 1);

    private RowCheck() {
    }

    public static Verdict check(Map<ArrearsColumn, String> values, LocalDate today) {
        String bsn = value(values, ArrearsColumn.BSN);
        if (bsn != null && !ElevenTest.passes(bsn)) {
            return Verdict.rejected(RejectionReason.INVALID_BSN);
        }
        String postcode = value(values, ArrearsColumn.POSTCODE);
        if (postcode != null) {
            postcode = postcode(postcode);
            if (postcode == null) {
                return Verdict.rejected(RejectionReason.INVALID_POSTCODE);
            }
        }
        LocalDate birthDate = null;
        String birth = value(values, ArrearsColumn.BIRTH_DATE);
        if (birth != null) {
            birthDate = date(birth);
            if (birthDate == null || birthDate.isAfter(today) || birthDate.isBefore(OLDEST_BIRTH)) {
                return Verdict.rejected(RejectionReason.INVALID_BIRTH_DATE);
            }
        }
        String familyName = familyName(value(values, ArrearsColumn.PREFIX), value(values, ArrearsColumn.FAMILY_NAME));
        if (bsn == null && (familyName == null || birthDate == null || postcode == null)) {
            return Verdict.rejected(RejectionReason.MISSING_IDENTITY);
        }
        String amount = value(values, ArrearsColumn.AMOUNT);
        if (amount == null) {
            return Verdict.rejected(RejectionReason.MISSING_AMOUNT);
        }
        Long cents = cents(amount);
        if (cents == null || cents <= 0) {
            return Verdict.rejected(RejectionReason.INVALID_AMOUNT);
        }
        LocalDate start = null;
        String startText = value(values, ArrearsColumn.ARREARS_START);
        if (startText != null) {
            start = date(startText);
            if (start == null || start.isAfter(today) || start.isBefore(OLDEST_ARREARS)) {
                return Verdict.rejected(RejectionReason.INVALID_ARREARS_START_DATE);
            }
        }
        return Verdict.ok(new ArrearsRow(bsn, value(values, ArrearsColumn.INITIALS), familyName, birthDate,
                value(values, ArrearsColumn.STREET),
                houseNumber(value(values, ArrearsColumn.HOUSE_NUMBER), value(values, ArrearsColumn.HOUSE_NUMBER_ADDITION)),
                postcode, value(values, ArrearsColumn.CITY), cents, start));
    }

    /** {@code 1234 AB} from "1234AB", "1234 ab" and the like; null if it is no Dutch postcode. */
    public static String postcode(String text) {
        Matcher m = POSTCODE.matcher(text.strip().toUpperCase(Locale.ROOT));
        return m.matches() ? m.group(1) + " " + m.group(2) : null;
    }

    /**
     * Euro cents of an amount written the Dutch way (1.234,56) or the English way (1,234.56), with or without a
     * euro sign; a separator followed by exactly three digits groups thousands (no euro amount has three
     * decimals). Null if it is no amount.
     */
    public static Long cents(String text) {
        String t = text.replace("€", "").replace("EUR", "").replaceAll("\\s", "");
        Matcher m = AMOUNT.matcher(t);
        if (!m.matches()) {
            return null;
        }
        String grouping = m.group(1);
        String decimal = m.group(2);
        if (grouping != null && grouping.equals(decimal)) {
            return null;
        }
        String plain;
        if (grouping != null) {
            plain = t.replace(grouping, "");
            if (decimal != null) {
                plain = plain.replace(decimal, ".");
            }
        } else {
            plain = t.replace(',', '.');
        }
        try {
            return new BigDecimal(plain).movePointRight(2).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    /** ISO (2024-03-01) or Dutch (01-03-2024, 1-3-2024); null if it is no date. */
    public static LocalDate date(String text) {
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(text.strip(), f);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }

    private static String familyName(String prefix, String name) {
        if (name == null) {
            return null;
        }
        return prefix == null ? name : prefix + " " + name;
    }

    /** "12A" for a letter, "12-2" for anything else, as the contract's houseNumber holds both in one field. */
    private static String houseNumber(String number, String addition) {
        if (number == null || addition == null) {
            return number;
        }
        return addition.length() == 1 && Character.isLetter(addition.charAt(0)) ? number + addition : number + "-" + addition;
    }

    private static String value(Map<ArrearsColumn, String> values, ArrearsColumn column) {
        String v = values.get(column);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
