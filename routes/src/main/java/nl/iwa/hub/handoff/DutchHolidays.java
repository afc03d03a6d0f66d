package nl.iwa.hub.handoff;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dutch public holidays that stop the clock on handoff deadlines.
 *
 * <ul>
 *   <li>Nieuwjaarsdag, 1 January</li>
 *   <li>Goede Vrijdag, Easter − 2 (not a general day off, but many public bodies and social teams close)</li>
 *   <li>Eerste en Tweede Paasdag, Easter and Easter + 1</li>
 *   <li>Koningsdag, 27 April, or 26 April when 27 April is a Sunday</li>
 *   <li>Bevrijdingsdag, 5 May, <em>every</em> year</li>
 *   <li>Hemelvaartsdag, Easter + 39</li>
 *   <li>Eerste en Tweede Pinksterdag, Easter + 49 and + 50</li>
 *   <li>Eerste en Tweede Kerstdag, 25 and 26 December</li>
 * </ul>
 *
 * <p>Bevrijdingsdag is a collective day off under most collective agreements only every fifth year (2025, 2030,
 * ...), but public services treat it as a holiday every year (the Algemene termijnenwet lists 5 May without that
 * condition), so it is a holiday here every year: a partner is never held to a deadline on a day it may be
 * closed. Koningsdag follows the rule in force since 2014; for earlier years the result is not historical.
 * Holidays that fall on a weekend are included too, although they do not change the count of working days.
 */
public final class DutchHolidays {

    private static final Map<Integer, SortedSet<LocalDate>> BY_YEAR = new ConcurrentHashMap<>();

    private DutchHolidays() {
    }

    public static boolean isPublicHoliday(LocalDate date) {
        return of(date.getYear()).contains(date);
    }

    /** The holidays of {@code year}, in date order (fewer than 11 when two fall on one day, e.g. 5 May 2016). */
    public static SortedSet<LocalDate> of(int year) {
        return BY_YEAR.computeIfAbsent(year, DutchHolidays::compute);
    }

    /** Easter Sunday of {@code year} (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    private static SortedSet<LocalDate> compute(int year) {
        LocalDate easter = easterSunday(year);
        LocalDate kingsDay = LocalDate.of(year, Month.APRIL, 27);
        if (kingsDay.getDayOfWeek() == DayOfWeek.SUNDAY) {
            kingsDay = kingsDay.minusDays(1);
        }
        SortedSet<LocalDate> days = new TreeSet<>();
        days.add(LocalDate.of(year, Month.JANUARY, 1));
        days.add(easter.minusDays(2));
        days.add(easter);
        days.add(easter.plusDays(1));
        days.add(kingsDay);
        days.add(LocalDate.of(year, Month.MAY, 5));
        days.add(easter.plusDays(39));
        days.add(easter.plusDays(49));
        days.add(easter.plusDays(50));
        days.add(LocalDate.of(year, Month.DECEMBER, 25));
        days.add(LocalDate.of(year, Month.DECEMBER, 26));
        return Collections.unmodifiableSortedSet(days);
    }
}
