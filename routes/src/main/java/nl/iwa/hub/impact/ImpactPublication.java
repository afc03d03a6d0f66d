package nl.iwa.hub.impact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the cells into the published report: the cells of the chosen quarters, grouped into rows by outcome,
 * each kind a table of its own (no total joins them), hidden by {@link SuppressionGrid} so that no count under k
 * is shown or can be recomputed from what is shown. Pure.
 */
public final class ImpactPublication {

    public static final String TOTAL = "TOTAL";
    public static final String SHARE_DECLINED_OR_EXPIRED = "declinedOrExpired";
    public static final String SHARE_LED_TO_HELP = "ledToHelp";

    private final KAnonymity k;

    public ImpactPublication(KAnonymity k) {
        this.k = Objects.requireNonNull(k, "k");
    }

    /**
     * @param from first quarter to include, or null for all
     * @param to   last quarter to include, or null for all
     */
    public ImpactReport publish(Map<CellKey, CellFigures> cells, Quarter from, Quarter to) {
        if (from != null && to != null && from.compareTo(to) > 0) {
            throw new IllegalArgumentException("from must not be after to");
        }
        Map<CellKey, CellFigures> chosen = new LinkedHashMap<>();
        cells.forEach((key, figures) -> {
            if ((from == null || key.quarter().compareTo(from) >= 0) && (to == null || key.quarter().compareTo(to) <= 0)) {
                chosen.put(key, figures);
            }
        });
        return new ImpactReport(k.k(), from == null ? null : from.toString(), to == null ? null : to.toString(),
                table(ImpactKind.HANDOFF, SettledHandoffs.outcomes(), chosen),
                table(ImpactKind.SIGNAL, SignalFollowUps.outcomes(), chosen));
    }

    private ImpactReport.Table table(ImpactKind kind, List<String> knownOutcomes, Map<CellKey, CellFigures> cells) {
        Map<CellKey.RowKey, Map<String, CellFigures>> rows = new TreeMap<>();
        TreeSet<String> present = new TreeSet<>();
        cells.forEach((key, figures) -> {
            if (key.kind() == kind && figures.count() > 0) {
                rows.computeIfAbsent(key.row(), r -> new TreeMap<>()).merge(key.outcome(), figures, CellFigures::plus);
                present.add(key.outcome());
            }
        });
        List<String> outcomes = new ArrayList<>(knownOutcomes.stream().filter(present::contains).toList());
        present.stream().filter(o -> !knownOutcomes.contains(o)).forEach(outcomes::add);

        List<CellKey.RowKey> rowKeys = List.copyOf(rows.keySet());
        long[][] counts = new long[rowKeys.size()][outcomes.size()];
        for (int r = 0; r < rowKeys.size(); r++) {
            Map<String, CellFigures> row = rows.get(rowKeys.get(r));
            for (int c = 0; c < outcomes.size(); c++) {
                CellFigures f = row.get(outcomes.get(c));
                counts[r][c] = f == null ? 0 : f.count();
            }
        }
        long[][] grid = SuppressionGrid.withTotals(counts);
        boolean[][] hidden = SuppressionGrid.suppress(counts, k);
        int totalRow = rowKeys.size();
        int totalCol = outcomes.size();

        List<ImpactReport.Row> published = new ArrayList<>();
        FirstContactHistogram all = FirstContactHistogram.empty();
        for (int r = 0; r < rowKeys.size(); r++) {
            CellKey.RowKey key = rowKeys.get(r);
            List<ImpactReport.Entry> entries = new ArrayList<>();
            for (int c = 0; c < outcomes.size(); c++) {
                entries.add(ImpactReport.Entry.of(outcomes.get(c), grid[r][c], hidden[r][c]));
            }
            FirstContactHistogram h = rows.get(key).values().stream().map(CellFigures::firstContact)
                    .reduce(FirstContactHistogram.empty(), FirstContactHistogram::plus);
            all = all.plus(h);
            published.add(new ImpactReport.Row(key.flow(), key.receiverKind(), key.domain(), key.quarter().toString(),
                    List.copyOf(entries), ImpactReport.Entry.of(TOTAL, grid[r][totalCol], hidden[r][totalCol]), median(h)));
        }
        List<ImpactReport.Entry> outcomeTotals = new ArrayList<>();
        for (int c = 0; c < outcomes.size(); c++) {
            outcomeTotals.add(ImpactReport.Entry.of(outcomes.get(c), grid[totalRow][c], hidden[totalRow][c]));
        }
        ImpactReport.Entry total = ImpactReport.Entry.of(TOTAL, grid[totalRow][totalCol], hidden[totalRow][totalCol]);
        Map<String, Double> shares = new LinkedHashMap<>();
        if (kind == ImpactKind.HANDOFF) {
            shares.put(SHARE_DECLINED_OR_EXPIRED, share(outcomeTotals, total, SettledHandoffs.DECLINED, SettledHandoffs.EXPIRED));
        } else {
            shares.put(SHARE_LED_TO_HELP, share(outcomeTotals, total, SignalFollowUps.LED_TO_HELP));
        }
        return new ImpactReport.Table(kind, List.copyOf(outcomes), List.copyOf(published), List.copyOf(outcomeTotals), total,
                median(all), java.util.Collections.unmodifiableMap(shares));
    }

    private Integer median(FirstContactHistogram h) {
        OptionalInt m = h.count() >= k.k() ? h.median() : OptionalInt.empty();
        return m.isPresent() ? m.getAsInt() : null;
    }

    /**
     * numerator outcomes / all, from the published totals only: an outcome that does not occur counts 0 (that is
     * public too); a hidden total, or no total at all, gives no share.
     */
    private static Double share(Collection<ImpactReport.Entry> outcomeTotals, ImpactReport.Entry total, String... numerator) {
        if (total.suppressed() || total.count() == 0) {
            return null;
        }
        long sum = 0;
        for (String outcome : numerator) {
            for (ImpactReport.Entry e : outcomeTotals) {
                if (e.outcome().equals(outcome)) {
                    if (e.suppressed()) {
                        return null;
                    }
                    sum += e.count();
                }
            }
        }
        return Math.round(1000.0 * sum / total.count()) / 1000.0;
    }
}
