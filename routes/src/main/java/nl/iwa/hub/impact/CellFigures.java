package nl.iwa.hub.impact;

import java.util.Objects;

/** What one cell holds: how many, and the times to first contact of those that got that far. */
public record CellFigures(long count, FirstContactHistogram firstContact) {

    public CellFigures {
        Objects.requireNonNull(firstContact, "firstContact");
    }

    public static CellFigures empty() {
        return new CellFigures(0, FirstContactHistogram.empty());
    }

    public CellFigures plus(Contribution c) {
        FirstContactHistogram h = c.firstContactHours() == null ? firstContact : firstContact.plusHours(c.firstContactHours());
        return new CellFigures(count + c.count(), h);
    }

    public CellFigures plus(CellFigures other) {
        return new CellFigures(count + other.count, firstContact.plus(other.firstContact));
    }
}
