package nl.iwa.hub.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * No hidden count can be recomputed from what is published. The check is independent of the suppression's own
 * reasoning (bridges): it writes every row and column of the table with totals as a linear equation, moves the
 * published values to the right-hand side, and asks linear algebra whether a hidden entry is fixed by them (its
 * unit vector lies in the span of the equations over the hidden entries).
 */
class SuppressionGridTest {

    @Property(tries = 400)
    void noHiddenValueCanBeDerivedFromThePublishedRowAndColumnTotals(@ForAll("tables") long[][] cells, @ForAll("ks") int k) {
        boolean[][] hidden = SuppressionGrid.suppress(cells, new KAnonymity(k));
        long[][] grid = SuppressionGrid.withTotals(cells);

        // every count under k (cells and totals) is hidden
        for (int r = 0; r < grid.length; r++) {
            for (int c = 0; c < grid[0].length; c++) {
                if (grid[r][c] > 0 && grid[r][c] < k) {
                    assertThat(hidden[r][c]).as("entry %d,%d = %d < k", r, c, grid[r][c]).isTrue();
                }
            }
        }
        // the trivial attack: a line with a single hidden entry gives it away as total minus the published rest
        for (int r = 0; r < grid.length; r++) {
            assertThat(hiddenIn(hidden[r])).as("row %d", r).isNotEqualTo(1);
        }
        for (int c = 0; c < grid[0].length; c++) {
            boolean[] column = new boolean[grid.length];
            for (int r = 0; r < grid.length; r++) {
                column[r] = hidden[r][c];
            }
            assertThat(hiddenIn(column)).as("column %d", c).isNotEqualTo(1);
        }
        // the full attack: all the relations together fix no hidden entry
        assertThat(derivable(hidden)).isEmpty();
    }

    @Test
    void aSmallCellAloneInItsRowTakesAPartnerAndItsColumnToo() {
        long[][] cells = {
                {20, 3, 15},
                {30, 40, 25},
                {12, 22, 18}};

        boolean[][] hidden = SuppressionGrid.suppress(cells, new KAnonymity(10));

        assertThat(hidden[0][1]).isTrue();
        assertThat(hiddenIn(hidden[0])).isGreaterThanOrEqualTo(2);
        assertThat(derivable(hidden)).isEmpty();
        // the large totals stay published
        assertThat(hidden[3][3]).isFalse();
    }

    @Test
    void aTableWithoutSmallCountsHidesNothing() {
        boolean[][] hidden = SuppressionGrid.suppress(new long[][] {{10, 0}, {11, 12}}, new KAnonymity(10));

        for (boolean[] row : hidden) {
            assertThat(hiddenIn(row)).isZero();
        }
    }

    @Test
    void aFourCycleOfHiddenCellsThatIsABridgeElsewhereIsClosed() {
        // two small cells in different rows and columns: each row and column needs a partner, and the result must
        // not leave a hidden cell that only a chain (no cycle) of relations connects
        long[][] cells = {{5, 50, 50}, {50, 50, 4}, {50, 50, 50}};

        boolean[][] hidden = SuppressionGrid.suppress(cells, new KAnonymity(10));

        assertThat(derivable(hidden)).isEmpty();
    }

    @Provide
    Arbitrary<long[][]> tables() {
        Arbitrary<Integer> rows = Arbitraries.integers().between(1, 6);
        Arbitrary<Integer> cols = Arbitraries.integers().between(1, 5);
        // mostly small and zero counts, so that suppression has work to do; some large
        Arbitrary<Long> count = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(4, Arbitraries.longs().between(1, 12)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(10, 200)));
        return Combinators.combine(rows, cols).flatAs((r, c) -> count.array(long[].class).ofSize(c).array(long[][].class).ofSize(r));
    }

    @Provide
    Arbitrary<Integer> ks() {
        return Arbitraries.integers().between(2, 12);
    }

    private static int hiddenIn(boolean[] line) {
        int n = 0;
        for (boolean h : line) {
            n += h ? 1 : 0;
        }
        return n;
    }

    /** The hidden entries that the row and column equations of the grid fix, as "row,column". */
    static List<String> derivable(boolean[][] hidden) {
        int rows = hidden.length;
        int cols = hidden[0].length;
        List<int[]> unknowns = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (hidden[r][c]) {
                    unknowns.add(new int[] {r, c});
                }
            }
        }
        int n = unknowns.size();
        List<double[]> equations = new ArrayList<>();
        // row r: cells minus the row total = 0 (the total row likewise: column totals minus the grand total)
        for (int r = 0; r < rows; r++) {
            double[] e = new double[n];
            for (int u = 0; u < n; u++) {
                if (unknowns.get(u)[0] == r) {
                    e[u] = unknowns.get(u)[1] == cols - 1 ? -1 : 1;
                }
            }
            equations.add(e);
        }
        for (int c = 0; c < cols; c++) {
            double[] e = new double[n];
            for (int u = 0; u < n; u++) {
                if (unknowns.get(u)[1] == c) {
                    e[u] = unknowns.get(u)[0] == rows - 1 ? -1 : 1;
                }
            }
            equations.add(e);
        }
        int rank = rank(equations, n);
        List<String> fixed = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            List<double[]> with = new ArrayList<>(equations);
            double[] unit = new double[n];
            unit[u] = 1;
            with.add(unit);
            if (rank(with, n) == rank) {
                fixed.add(unknowns.get(u)[0] + "," + unknowns.get(u)[1]);
            }
        }
        return fixed;
    }

    private static int rank(List<double[]> rowsIn, int n) {
        double[][] m = new double[rowsIn.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = rowsIn.get(i).clone();
        }
        int rank = 0;
        for (int col = 0; col < n && rank < m.length; col++) {
            int pivot = -1;
            for (int i = rank; i < m.length; i++) {
                if (Math.abs(m[i][col]) > 1e-9 && (pivot == -1 || Math.abs(m[i][col]) > Math.abs(m[pivot][col]))) {
                    pivot = i;
                }
            }
            if (pivot == -1) {
                continue;
            }
            double[] t = m[rank];
            m[rank] = m[pivot];
            m[pivot] = t;
            for (int i = 0; i < m.length; i++) {
                if (i != rank && Math.abs(m[i][col]) > 1e-9) {
                    double f = m[i][col] / m[rank][col];
                    for (int j = col; j < n; j++) {
                        m[i][j] -= f * m[rank][j];
                    }
                }
            }
            rank++;
        }
        return rank;
    }
}
