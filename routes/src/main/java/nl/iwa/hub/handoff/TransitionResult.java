package nl.iwa.hub.handoff;

import nl.iwa.hub.contract.common.ReasonCode;

/**
 * Verdict on a requested status change. A rejection's reason names only statuses, actors and field names, never
 * a value the partner sent, so it can be logged, audited and relayed to the partner without leaking anything.
 * Its code is what the partner's rejection carries: {@link ReasonCode#NOT_AUTHORISED} when the wrong party asked,
 * {@link ReasonCode#ILLEGAL_TRANSITION} for anything else wrong with the change.
 *
 * <p>The factory for a permitted change is {@link #ok()} rather than {@code allowed()}: a record cannot have a
 * static method with the same signature as its {@code allowed()} accessor.
 *
 * @param allowed whether the change may be made
 * @param code    why not, as a code; {@code null} when allowed
 * @param reason  why not; {@code null} when allowed
 */
public record TransitionResult(boolean allowed, ReasonCode code, String reason) {

    private static final TransitionResult OK = new TransitionResult(true, null, null);

    public TransitionResult {
        if (allowed && (reason != null || code != null)) {
            throw new IllegalArgumentException("a permitted transition has no reason");
        }
        if (!allowed && (reason == null || reason.isBlank() || code == null)) {
            throw new IllegalArgumentException("a rejected transition needs a reason and its code");
        }
    }

    public static TransitionResult ok() {
        return OK;
    }

    /** The change itself is not allowed (a final status, unreachable, or missing what it must carry). */
    public static TransitionResult rejected(String reason) {
        return new TransitionResult(false, ReasonCode.ILLEGAL_TRANSITION, reason);
    }

    /** The change is possible, but not for the party that asked for it. */
    public static TransitionResult notAuthorised(String reason) {
        return new TransitionResult(false, ReasonCode.NOT_AUTHORISED, reason);
    }
}
