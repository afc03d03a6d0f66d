package nl.iwa.hub.impact;

/**
 * The smallest group the figures may show: a cell (or total) counting fewer than {@code k} handoffs or signals
 * is suppressed. k = 1 would publish single residents' outcomes, so anything below 2 is refused.
 */
public record KAnonymity(int k) {

    public static final int DEFAULT = 10;

    public KAnonymity {
        if (k < 2) {
            throw new IllegalArgumentException("iwa.impact.k must be at least 2 (it is " + k + "): a smaller k publishes single residents' outcomes");
        }
    }

    /** Whether a count must be hidden: more than none and fewer than k (no resident is in an empty cell). */
    public boolean tooSmall(long count) {
        return count > 0 && count < k;
    }
}
