package nl.iwa.hub.deadletter;

/** A replay that cannot be done; the message names coordinates only, never content. */
public final class ReplayRefusedException extends RuntimeException {

    public enum Why { NOT_FOUND, ALREADY_REPLAYED, NOT_REPLAYABLE }

    private final Why why;

    public ReplayRefusedException(Why why, String message) {
        super(message);
        this.why = why;
    }

    public Why why() {
        return why;
    }
}
