package nl.iwa.hub.handoff;

/**
 * Verdict on a requested status change. A rejection's reason names only statuses, actors and field names, never
 * a value the partner sent, so it can be logged, audited and relayed to the partner without leaking anything.
 *
 * <p>The factory for a permitted change is {@link #ok()} rather than {@code allowed()}: a record cannot have a
 * static method with the same signature as its {@code allowed()} accessor.
 *
 * @param allowed whether the change may be made
 * @param reason  why not; {@code null} when allowed
 */
public record TransitionResult(boolean allowed, String reason) {

    private static final TransitionResult OK = new TransitionResult(true, null);

    public TransitionResult {
        if (allowed && reason != null) {
            throw new IllegalArgumentException("a permitted transition has no reason");
        }
        if (!allowed && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a rejected transition needs a reason");
        }
    }

    public static TransitionResult ok() {
        return OK;
    }

    public static TransitionResult rejected(String reason) {
        return new TransitionResult(false, reason);
    }
}
