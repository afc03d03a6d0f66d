package nl.iwa.hub.privacy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;

/**
 * Flows the hub did not pass on (blocked, rejected, dead-lettered), counted per day and reason code: how the
 * privacy officer sees over time whether partners send what no policy allows. Codes only, no partner's data.
 *
 * @param days    every day of the period, oldest first, also those without any
 * @param reasons the reason codes seen, in name order
 * @param counts  per day the count per reason (days without any are absent)
 */
public record BlockedPerDay(List<LocalDate> days, List<String> reasons, Map<LocalDate, Map<String, Long>> counts) {

    public static final int MAX_DAYS = 366;

    /** The decisions that count as "not passed on". */
    public static boolean counts(AuditRecord r) {
        return r.getDecision() == Decision.BLOCKED || r.getDecision() == Decision.REJECTED
                || r.getDecision() == Decision.DEAD_LETTERED;
    }

    /** The first moment of a period of {@code dayCount} days ending with {@code lastDay}, in {@code zone}. */
    public static Instant start(LocalDate lastDay, int dayCount, ZoneId zone) {
        return lastDay.minusDays(dayCount - 1L).atStartOfDay(zone).toInstant();
    }

    public static BlockedPerDay of(Iterable<AuditRecord> records, LocalDate lastDay, int dayCount, ZoneId zone) {
        if (dayCount < 1 || dayCount > MAX_DAYS) {
            throw new IllegalArgumentException("days is 1 to " + MAX_DAYS);
        }
        LocalDate first = lastDay.minusDays(dayCount - 1L);
        Map<LocalDate, Map<String, Long>> counts = new TreeMap<>();
        TreeSet<String> reasons = new TreeSet<>();
        for (AuditRecord r : records) {
            LocalDate day = LocalDate.ofInstant(r.getRecordedAt(), zone);
            if (!counts(r) || day.isBefore(first) || day.isAfter(lastDay)) {
                continue;
            }
            String reason = r.getReasonCode() == null ? "OTHER" : r.getReasonCode().name();
            reasons.add(reason);
            counts.computeIfAbsent(day, d -> new TreeMap<>()).merge(reason, 1L, Long::sum);
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(lastDay); d = d.plusDays(1)) {
            days.add(d);
        }
        return new BlockedPerDay(List.copyOf(days), List.copyOf(reasons), counts);
    }

    public long count(LocalDate day, String reason) {
        return counts.getOrDefault(day, Map.of()).getOrDefault(reason, 0L);
    }

    public long total(LocalDate day) {
        return counts.getOrDefault(day, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The largest day total: the scale of a chart. */
    public long maxTotal() {
        return days.stream().mapToLong(this::total).max().orElse(0);
    }
}
