package nl.iwa.hub.impact;

import java.util.Objects;

/**
 * What one event adds to one cell: usually one, with the time to first contact where there was one; a signal
 * that turns out to have led to help moves from one cell to another, as -1 in the one and +1 in the other, so
 * every signal is in exactly one cell and the cells stay plain sums.
 */
public record Contribution(CellKey cell, long count, Long firstContactHours) {

    public Contribution {
        Objects.requireNonNull(cell, "cell");
    }

    public static Contribution one(CellKey cell) {
        return new Contribution(cell, 1, null);
    }
}
