package nl.iwa.hub.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Easter by Meeus/Jones/Butcher and the Dutch public holidays derived from it. */
class DutchHolidaysTest {

    @ParameterizedTest(name = "Easter {0} is {1}")
    @CsvSource({
            "2024, 2024-03-31",
            "2025, 2025-04-20",
            "2026, 2026-04-05",
            "2027, 2027-03-28",
            "2028, 2028-04-16",
            "2029, 2029-04-01",
            "2030, 2030-04-21",
            "2038, 2038-04-25",   // latest possible date
            "2285, 2285-03-22",   // earliest possible date
            "1818, 1818-03-22",
            "1943, 1943-04-25",
            "2000, 2000-04-23",
            "2008, 2008-03-23",
            "2016, 2016-03-27",
            "2019, 2019-04-21"})
    void computesEasterSunday(int year, LocalDate easter) {
        assertThat(DutchHolidays.easterSunday(year)).isEqualTo(easter);
    }

    @ParameterizedTest
    @ValueSource(ints = {1583, 1900, 2024, 2099, 2400, 4099})
    void easterIsAlwaysASundayBetween22MarchAnd25April(int year) {
        IntStream.rangeClosed(year, year + 100).forEach(y -> {
            LocalDate easter = DutchHolidays.easterSunday(y);
            assertThat(easter.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
            assertThat(easter).isBetween(LocalDate.of(y, 3, 22), LocalDate.of(y, 4, 25));
        });
    }

    static Stream<Arguments> years() {
        return Stream.of(
                // Koningsdag 2025 is Saturday 26 April because 27 April is a Sunday; 5 May is a lustrum year.
                Arguments.of(2025, List.of("2025-01-01", "2025-04-18", "2025-04-20", "2025-04-21", "2025-04-26",
                        "2025-05-05", "2025-05-29", "2025-06-08", "2025-06-09", "2025-12-25", "2025-12-26")),
                // Bevrijdingsdag counts although 2026 is not a lustrum year.
                Arguments.of(2026, List.of("2026-01-01", "2026-04-03", "2026-04-05", "2026-04-06", "2026-04-27",
                        "2026-05-05", "2026-05-14", "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26")),
                Arguments.of(2027, List.of("2027-01-01", "2027-03-26", "2027-03-28", "2027-03-29", "2027-04-27",
                        "2027-05-05", "2027-05-06", "2027-05-16", "2027-05-17", "2027-12-25", "2027-12-26")),
                // Hemelvaartsdag falls on Bevrijdingsdag: one date, two holidays.
                Arguments.of(2016, List.of("2016-01-01", "2016-03-25", "2016-03-27", "2016-03-28", "2016-04-27",
                        "2016-05-05", "2016-05-15", "2016-05-16", "2016-12-25", "2016-12-26")),
                // Latest Easter: Tweede Paasdag 26 April, Koningsdag the day after.
                Arguments.of(2038, List.of("2038-01-01", "2038-04-23", "2038-04-25", "2038-04-26", "2038-04-27",
                        "2038-05-05", "2038-06-03", "2038-06-13", "2038-06-14", "2038-12-25", "2038-12-26")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("years")
    void listsTheHolidaysOfAYearInDateOrder(int year, List<String> expected) {
        assertThat(DutchHolidays.of(year)).containsExactlyElementsOf(expected.stream().map(LocalDate::parse).toList());
    }

    @ParameterizedTest
    @CsvSource({
            "2026-04-27, true",   // Koningsdag, Monday
            "2026-04-26, false",  // the Sunday before: Koningsdag only moves back when 27 April is a Sunday
            "2025-04-26, true",   // Koningsdag, Saturday, 27 April 2025 is a Sunday
            "2025-04-27, false",
            "2026-05-05, true",
            "2026-05-14, true",   // Hemelvaartsdag
            "2026-05-15, false",  // the Friday after: a bridge day many take off, but not a holiday
            "2026-12-24, false",  // Christmas Eve
            "2026-12-31, false",  // New Year's Eve
            "2027-01-01, true"})
    void tellsWhetherADayIsAPublicHoliday(LocalDate date, boolean holiday) {
        assertThat(DutchHolidays.isPublicHoliday(date)).isEqualTo(holiday);
    }

    @Test
    void theListCannotBeModified() {
        assertThatThrownBy(() -> DutchHolidays.of(2026).add(LocalDate.of(2026, 7, 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
