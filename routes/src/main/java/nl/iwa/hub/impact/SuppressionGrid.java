package nl.iwa.hub.impact;

import java.util.ArrayList;
import java.util.List;

/**
 * Which entries of a two-dimensional table with totals to hide. The table is published with its row totals, its
 * column totals and the grand total, so it is read as an (R+1) x (C+1) grid whose last row and column are the
 * totals; every row and every column of that grid is a sum relation an outsider can solve.
 *
 * <ol>
 *   <li>Primary: every entry (cell or total) counting more than none and fewer than k.</li>
 *   <li>Complementary, so that no hidden value can be recomputed:
 *     <ul>
 *       <li>no line (row or column of the grid) hides exactly one entry: that one would be the line's total
 *           minus its published entries. A line with one hidden entry also hides its smallest published
 *           non-zero interior cell (zeros and totals only when nothing else is left);</li>
 *       <li>no hidden entry is fixed by the relations together: read the hidden entries as edges between their row
 *           and their column, an entry is determined exactly when its edge lies on no cycle (a bridge), because
 *           the unknowns can only shift together around cycles. A bridge's row (else column) hides one more
 *           entry, and the line rule runs again.</li>
 *     </ul>
 *   </li>
 * </ol>
 * Each round hides more, so it ends; at worst everything is hidden, which is safe (the full grid has no bridge).
 * Not minimal (that is NP-hard), but never disclosive, and it prefers hiding small cells.
 */
public final class SuppressionGrid {

    private SuppressionGrid() {
    }

    /**
     * @param cells R x C non-negative counts (R, C may be 0)
     * @return (R+1) x (C+1) flags: true = hidden; index R is the column totals row, index C the row totals column
     */
    public static boolean[][] suppress(long[][] cells, KAnonymity k) {
        long[][] grid = withTotals(cells);
        int rows = grid.length;
        int cols = grid[0].length;
        boolean[][] hidden = new boolean[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                hidden[r][c] = k.tooSmall(grid[r][c]);
            }
        }
        if (rows < 2 || cols < 2) {
            return hidden; // no cells at all: only a grand total, hidden or not
        }
        boolean changed = true;
        while (changed) {
            changed = hideSecondInLonelyLines(grid, hidden);
            if (!changed) {
                int[] bridge = firstBridge(hidden);
                if (bridge != null) {
                    hideOneMoreNear(grid, hidden, bridge[0], bridge[1]);
                    changed = true;
                }
            }
        }
        return hidden;
    }

    /** The cells with their totals: row totals in the last column, column totals in the last row. */
    public static long[][] withTotals(long[][] cells) {
        int r = cells.length;
        int c = r == 0 ? 0 : cells[0].length;
        long[][] g = new long[r + 1][c + 1];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                g[i][j] = cells[i][j];
                g[i][c] += cells[i][j];
                g[r][j] += cells[i][j];
                g[r][c] += cells[i][j];
            }
        }
        return g;
    }

    private static boolean hideSecondInLonelyLines(long[][] grid, boolean[][] hidden) {
        boolean any = false;
        boolean again = true;
        while (again) {
            again = false;
            for (int r = 0; r < grid.length; r++) {
                if (countRow(hidden, r) == 1) {
                    hide(hidden, bestInRow(grid, hidden, r));
                    again = any = true;
                }
            }
            for (int c = 0; c < grid[0].length; c++) {
                if (countCol(hidden, c) == 1) {
                    hide(hidden, bestInCol(grid, hidden, c));
                    again = any = true;
                }
            }
        }
        return any;
    }

    private static void hideOneMoreNear(long[][] grid, boolean[][] hidden, int r, int c) {
        int[] pick = bestInRow(grid, hidden, r);
        if (pick == null) {
            pick = bestInCol(grid, hidden, c);
        }
        if (pick == null) {
            pick = bestAnywhere(grid, hidden);
        }
        hide(hidden, pick);
    }

    private static void hide(boolean[][] hidden, int[] at) {
        if (at == null) {
            throw new IllegalStateException("unreachable: a line with one hidden entry has a published one");
        }
        hidden[at[0]][at[1]] = true;
    }

    private static int countRow(boolean[][] hidden, int r) {
        int n = 0;
        for (boolean h : hidden[r]) {
            n += h ? 1 : 0;
        }
        return n;
    }

    private static int countCol(boolean[][] hidden, int c) {
        int n = 0;
        for (boolean[] row : hidden) {
            n += row[c] ? 1 : 0;
        }
        return n;
    }

    private static int[] bestInRow(long[][] grid, boolean[][] hidden, int r) {
        int[] best = null;
        for (int c = 0; c < grid[0].length; c++) {
            if (!hidden[r][c] && (best == null || better(grid, r, c, best))) {
                best = new int[] {r, c};
            }
        }
        return best;
    }

    private static int[] bestInCol(long[][] grid, boolean[][] hidden, int c) {
        int[] best = null;
        for (int r = 0; r < grid.length; r++) {
            if (!hidden[r][c] && (best == null || better(grid, r, c, best))) {
                best = new int[] {r, c};
            }
        }
        return best;
    }

    private static int[] bestAnywhere(long[][] grid, boolean[][] hidden) {
        int[] best = null;
        for (int r = 0; r < grid.length; r++) {
            for (int c = 0; c < grid[0].length; c++) {
                if (!hidden[r][c] && (best == null || better(grid, r, c, best))) {
                    best = new int[] {r, c};
                }
            }
        }
        return best;
    }

    // A hidden zero protects little (its partner is then known to be at most the line's remainder) and a hidden
    // total hides more than needed: non-zero interior cells first, the smallest first.
    private static boolean better(long[][] grid, int r, int c, int[] than) {
        return rank(grid, r, c) < rank(grid, than[0], than[1])
                || rank(grid, r, c) == rank(grid, than[0], than[1]) && grid[r][c] < grid[than[0]][than[1]];
    }

    private static int rank(long[][] grid, int r, int c) {
        boolean total = r == grid.length - 1 || c == grid[0].length - 1;
        return (grid[r][c] == 0 ? 2 : 0) + (total ? 1 : 0);
    }

    /**
     * A hidden entry whose edge (row vertex r, column vertex rows + c) is a bridge of the graph of hidden entries,
     * or null. Tarjan's low-link, iterative so a tall table cannot overflow the stack.
     */
    static int[] firstBridge(boolean[][] hidden) {
        int rows = hidden.length;
        int cols = hidden[0].length;
        int n = rows + cols;
        List<List<int[]>> adj = new ArrayList<>(); // neighbour, edge id
        for (int i = 0; i < n; i++) {
            adj.add(new ArrayList<>());
        }
        List<int[]> edges = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (hidden[r][c]) {
                    int id = edges.size();
                    edges.add(new int[] {r, c});
                    adj.get(r).add(new int[] {rows + c, id});
                    adj.get(rows + c).add(new int[] {r, id});
                }
            }
        }
        int[] disc = new int[n];
        int[] low = new int[n];
        java.util.Arrays.fill(disc, -1);
        int time = 0;
        for (int start = 0; start < n; start++) {
            if (disc[start] != -1) {
                continue;
            }
            // stack frames: vertex, edge id it was entered by, next neighbour index
            java.util.ArrayDeque<int[]> stack = new java.util.ArrayDeque<>();
            disc[start] = low[start] = time++;
            stack.push(new int[] {start, -1, 0});
            while (!stack.isEmpty()) {
                int[] f = stack.peek();
                int v = f[0];
                if (f[2] < adj.get(v).size()) {
                    int[] e = adj.get(v).get(f[2]++);
                    int w = e[0];
                    if (e[1] == f[1]) {
                        continue;
                    }
                    if (disc[w] == -1) {
                        disc[w] = low[w] = time++;
                        stack.push(new int[] {w, e[1], 0});
                    } else {
                        low[v] = Math.min(low[v], disc[w]);
                    }
                } else {
                    stack.pop();
                    if (!stack.isEmpty()) {
                        int parent = stack.peek()[0];
                        low[parent] = Math.min(low[parent], low[v]);
                        if (low[v] > disc[parent]) {
                            return edges.get(f[1]);
                        }
                    }
                }
            }
        }
        return null;
    }
}
