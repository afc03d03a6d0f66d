package nl.iwa.hub.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Working days in Europe/Amsterdam: weekends and Dutch public holidays skipped, local wall-clock time kept. */
class WorkingDayCalendarTest {

    final WorkingDayCalendar cal = new WorkingDayCalendar();

    /** An Amsterdam wall-clock time as an instant. */
    static Instant amsterdam(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WorkingDayCalendar.ZONE).toInstant();
    }

    @ParameterizedTest(name = "{0}: {1} + {2} = {3}")
    @CsvSource(delimiter = '|', textBlock = """
            Friday afternoon to Monday                    | 2026-01-09T15:00 | 1 | 2026-01-12T15:00
            a plain weekday                               | 2026-01-13T11:30 | 1 | 2026-01-14T11:30
            three days over a weekend                     | 2026-01-08T09:00 | 3 | 2026-01-13T09:00
            zero days is the start itself                 | 2026-01-10T10:00 | 0 | 2026-01-10T10:00
            Saturday start: Monday is day 1               | 2026-01-10T10:00 | 1 | 2026-01-12T10:00
            Sunday start: Monday is day 1                 | 2026-01-11T22:00 | 1 | 2026-01-12T22:00
            Thursday before Easter: Good Friday, Easter Monday skipped | 2026-04-02T14:00 | 1 | 2026-04-07T14:00
            start on Good Friday                          | 2026-04-03T11:00 | 1 | 2026-04-07T11:00
            Christmas Eve to after Christmas and weekend  | 2026-12-24T10:00 | 1 | 2026-12-28T10:00
            New Year's Eve to 2 January                   | 2025-12-31T16:00 | 1 | 2026-01-02T16:00
            Friday before Koningsdag (Monday 27 April)    | 2026-04-24T09:00 | 1 | 2026-04-28T09:00
            Bevrijdingsdag, also outside lustrum years    | 2026-05-04T09:00 | 1 | 2026-05-06T09:00
            Wednesday before Ascension Day                | 2026-05-13T09:00 | 1 | 2026-05-15T09:00
            Wednesday before Ascension Day, two days      | 2026-05-13T09:00 | 2 | 2026-05-18T09:00
            three days over Whit Monday                   | 2026-05-21T09:00 | 3 | 2026-05-27T09:00
            five days over Whit Monday                    | 2026-05-21T09:00 | 5 | 2026-05-29T09:00
            Friday late evening keeps its local time      | 2026-01-09T23:30 | 1 | 2026-01-12T23:30
            just after midnight Saturday is Saturday      | 2026-01-10T00:30 | 1 | 2026-01-12T00:30
            """)
    void addsWorkingDaysKeepingTheLocalTime(String name, String start, int days, String due) {
        assertThat(cal.plusWorkingDays(amsterdam(start), days)).isEqualTo(amsterdam(due));
    }

    @Test
    void nineStaysNineWhenSummerTimeStarts() {
        // Given Friday 27 March 2026 09:00 CET (08:00 UTC); clocks go forward on Sunday 29 March
        Instant start = Instant.parse("2026-03-27T08:00:00Z");

        // When one working day is added
        Instant due = cal.plusWorkingDays(start, 1);

        // Then it is due on Monday 09:00 CEST, 07:00 UTC: 71 hours later, not 72
        assertThat(due).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
    }

    @Test
    void nineStaysNineWhenSummerTimeEnds() {
        // Given Friday 23 October 2026 09:00 CEST (07:00 UTC); clocks go back on Sunday 25 October
        Instant start = Instant.parse("2026-10-23T07:00:00Z");

        // Then Monday 09:00 CET is 08:00 UTC: 73 hours later
        assertThat(cal.plusWorkingDays(start, 1)).isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
    }

    @Test
    void theLocalDateDecidesNotTheUtcDate() {
        // Thursday 23:30 UTC is already Friday 00:30 in Amsterdam: one working day later is Monday 00:30 local,
        // not Friday as counting from the UTC date would give.
        assertThat(cal.plusWorkingDays(Instant.parse("2026-01-08T23:30:00Z"), 1))
                .isEqualTo(Instant.parse("2026-01-11T23:30:00Z"));
    }

    @ParameterizedTest
    @CsvSource({
            "2026-01-12, true",   // Monday
            "2026-01-16, true",   // Friday
            "2026-01-17, false",  // Saturday
            "2026-01-18, false",  // Sunday
            "2026-04-06, false",  // Tweede Paasdag
            "2026-05-25, false",  // Tweede Pinksterdag
            "2026-05-15, true",   // Friday after Ascension Day
            "2026-12-24, true"})
    void tellsWorkingDays(LocalDate date, boolean working) {
        assertThat(cal.isWorkingDay(date)).isEqualTo(working);
    }

    @Test
    void refusesNegativeDays() {
        assertThatThrownBy(() -> cal.plusWorkingDays(Instant.parse("2026-01-12T08:00:00Z"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
