package nl.iwa.hub.impact;

import java.util.List;
import java.util.Map;

/**
 * The published impact figures: per kind a table of rows (flow, receiver kind, life domain, quarter) by outcome,
 * with row totals, column totals and the grand total. A hidden entry has no count. Medians of the time to first
 * contact (whole hours; {@link FirstContactHistogram#OVERFLOW_HOURS} means that many or more) are given only where
 * at least k handoffs reached first contact; shares only where every count they are made of is published.
 */
public record ImpactReport(int k, String from, String to, Table handoffs, Table signals) {

    public record Table(ImpactKind kind, List<String> outcomes, List<Row> rows, List<Entry> outcomeTotals, Entry total,
                        Integer medianHoursToFirstContact, Map<String, Double> shares) {
    }

    public record Row(String flow, String receiverKind, String domain, String quarter, List<Entry> cells, Entry total,
                      Integer medianHoursToFirstContact) {
    }

    /** One published or hidden count: {@code count} is null exactly when {@code suppressed}. */
    public record Entry(String outcome, Long count, boolean suppressed) {

        static Entry of(String outcome, long count, boolean hidden) {
            return hidden ? new Entry(outcome, null, true) : new Entry(outcome, count, false);
        }
    }
}
