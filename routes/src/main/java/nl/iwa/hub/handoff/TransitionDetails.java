package nl.iwa.hub.handoff;

/**
 * What a status change carries besides the new status, as in the contract's {@code HandoffUpdate}. Every field
 * is nullable; which ones a transition needs is decided by {@link HandoffTransitions}.
 *
 * @param accountable        team or professional role that is accountable, needed with RECEIVED
 * @param reasonCode         coded reason, needed with DECLINED and FAILED, optional with CANCELLED
 * @param suggestedPartnerId partner the receiver suggests instead, optional with DECLINED
 * @param outcomeCode        code from {@link OutcomeCode}, needed with COMPLETED
 */
public record TransitionDetails(String accountable, String reasonCode, String suggestedPartnerId, String outcomeCode) {

    private static final TransitionDetails NONE = new TransitionDetails(null, null, null, null);

    /** No details: enough for DELIVERED, ACCEPTED, IN_PROGRESS and CANCELLED. */
    public static TransitionDetails none() {
        return NONE;
    }

    public static TransitionDetails received(String accountable) {
        return new TransitionDetails(accountable, null, null, null);
    }

    public static TransitionDetails declined(String reasonCode, String suggestedPartnerId) {
        return new TransitionDetails(null, reasonCode, suggestedPartnerId, null);
    }

    public static TransitionDetails completed(String outcomeCode) {
        return new TransitionDetails(null, null, null, outcomeCode);
    }

    /** A coded reason alone, as with FAILED and (optionally) CANCELLED. */
    public static TransitionDetails reason(String reasonCode) {
        return new TransitionDetails(null, reasonCode, null, null);
    }
}
