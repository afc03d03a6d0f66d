package nl.iwa.hub.impact;

/** What a cell counts: settled handoffs or delivered signals. Each kind is its own table, with its own totals. */
public enum ImpactKind {
    HANDOFF,
    SIGNAL
}
