package nl.iwa.hub.connectors.inbox;

import java.time.Duration;

/**
 * Exponential back-off for a webhook that does not take a message: {@code initial}, then times {@code factor}, never
 * more than {@code maxInterval} apart, given up once {@code giveUpAfter} has passed since the first try. Hours, not
 * seconds: a partner's system that is down for maintenance overnight still gets its messages in the morning.
 */
public record RetrySchedule(Duration initial, double factor, Duration maxInterval, Duration giveUpAfter) {

    public RetrySchedule {
        if (initial.isNegative() || initial.isZero() || factor < 1 || maxInterval.compareTo(initial) < 0 || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("iwa.connectors.inbox.retry: initial > 0, factor >= 1, max-interval >= initial");
        }
    }

    /** The wait after the given failed attempt (1 = the first try failed). */
    public Duration delayAfter(int failedAttempts) {
        double millis = initial.toMillis() * Math.pow(factor, Math.max(0, failedAttempts - 1));
        return millis >= maxInterval.toMillis() ? maxInterval : Duration.ofMillis((long) millis);
    }

    /** Whether to stop trying, {@code elapsed} after the first try, if the next try would come after {@code wait}. */
    public boolean givesUp(Duration elapsed, Duration wait) {
        return elapsed.plus(wait).compareTo(giveUpAfter) > 0;
    }
}
