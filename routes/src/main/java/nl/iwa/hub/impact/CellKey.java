package nl.iwa.hub.impact;

import java.util.Objects;

/**
 * One cell of the impact figures: what was counted ({@link ImpactKind}), the flow (policy id), the receiver's
 * partner kind, the outcome, the life domain and the quarter. Codes only, so the key can travel as a Kafka key and
 * a file name alike; it never holds an id of a case, a handoff or a resident.
 */
public record CellKey(ImpactKind kind, String flow, String receiverKind, String outcome, String domain, Quarter quarter) {

    private static final String SEPARATOR = "|";

    public CellKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(quarter, "quarter");
        for (String part : new String[] {flow, receiverKind, outcome, domain}) {
            if (part == null || part.isBlank() || part.contains(SEPARATOR)) {
                throw new IllegalArgumentException("a cell key's parts are non-empty codes without '|'");
            }
        }
    }

    /** The row of the publication table this cell lies in: everything but the outcome. */
    public RowKey row() {
        return new RowKey(kind, flow, receiverKind, domain, quarter);
    }

    /** {@code kind|flow|receiverKind|outcome|domain|quarter}: the key of the impact topic. */
    public String asString() {
        return String.join(SEPARATOR, kind.name(), flow, receiverKind, outcome, domain, quarter.toString());
    }

    public static CellKey parse(String key) {
        String[] p = key.split("\\|", -1);
        if (p.length != 6) {
            throw new IllegalArgumentException("not a cell key");
        }
        return new CellKey(ImpactKind.valueOf(p[0]), p[1], p[2], p[3], p[4], Quarter.parse(p[5]));
    }

    /** A row of a publication table: a flow to a kind of receiver, in one life domain and quarter. */
    public record RowKey(ImpactKind kind, String flow, String receiverKind, String domain, Quarter quarter)
            implements Comparable<RowKey> {

        @Override
        public int compareTo(RowKey o) {
            int c = quarter.compareTo(o.quarter);
            if (c == 0) c = flow.compareTo(o.flow);
            if (c == 0) c = receiverKind.compareTo(o.receiverKind);
            if (c == 0) c = domain.compareTo(o.domain);
            return c;
        }
    }
}
