package nl.iwa.hub.impact;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A calendar quarter in Dutch time, written {@code 2026-Q4}: the time axis of the impact figures. */
public record Quarter(int year, int quarter) implements Comparable<Quarter> {

    /** The municipalities report in Dutch time: a handoff settled on 31 December 23:30 belongs to Q4. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Pattern FORM = Pattern.compile("(\\d{4})-Q([1-4])");

    public Quarter {
        if (year < 2000 || year > 9999 || quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("a quarter is written like 2026-Q4");
        }
    }

    public static Quarter of(Instant at) {
        ZonedDateTime t = at.atZone(ZONE);
        return new Quarter(t.getYear(), (t.getMonthValue() - 1) / 3 + 1);
    }

    /** Parses {@code 2026-Q4}; the message never repeats the input (it comes from a query string). */
    public static Quarter parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("a quarter is written like 2026-Q4");
        }
        return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    @Override
    public int compareTo(Quarter o) {
        return year != o.year ? Integer.compare(year, o.year) : Integer.compare(quarter, o.quarter);
    }

    @Override
    public String toString() {
        return year + "-Q" + quarter;
    }
}
