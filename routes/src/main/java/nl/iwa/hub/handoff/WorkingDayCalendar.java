package nl.iwa.hub.handoff;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Working days as the partners live them: Monday to Friday in Europe/Amsterdam, minus {@link DutchHolidays}.
 * Deadlines are counted in local dates, not in 24-hour blocks, so a deadline set at 09:00 stays at 09:00 local
 * time across a daylight-saving change.
 */
public final class WorkingDayCalendar {

    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !DutchHolidays.isPublicHoliday(date);
    }

    /**
     * The same local wall-clock time as {@code start}, on the {@code days}-th working day after the start's local
     * date; {@code days == 0} gives {@code start} itself.
     *
     * <p>Working days are counted from the day after the start, whatever kind of day the start is. So a handoff
     * that arrives on Saturday at 10:00 is due, with one working day, on Monday at 10:00, the same as one that
     * arrived on Friday at 10:00: the first working day after the start counts as day 1 even though the receiver
     * only has it until 10:00. The alternative (treat a weekend arrival as arriving at the start of Monday) would
     * give Tuesday, a full day later than a Friday-evening arrival; we keep the simpler, stricter rule.
     *
     * <p>The result always falls on a working day (Monday to Friday), and Dutch clock changes happen on a Sunday
     * night, so the wall-clock time always exists on the result day; should it not, the time moves forward by the
     * length of the gap.
     */
    public Instant plusWorkingDays(Instant start, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative: " + days);
        }
        if (days == 0) {
            return start;
        }
        ZonedDateTime local = start.atZone(ZONE);
        LocalDate date = local.toLocalDate();
        int counted = 0;
        while (counted < days) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                counted++;
            }
        }
        return ZonedDateTime.ofLocal(date.atTime(local.toLocalTime()), ZONE, local.getOffset()).toInstant();
    }
}
