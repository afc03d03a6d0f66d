package nl.iwa.hub.connectors.inbox;

import java.time.Instant;

/**
 * A webhook subscription for ops: state and counters, ids and codes only.
 *
 * @param lastStatus       the receiver's last HTTP status, -1 if it could not be reached
 * @param attempts         failed tries of the message now waiting, 0 if none waits
 * @param nextAttemptAt    when the waiting message is tried again
 */
public record WebhookStatus(String partnerId, String url, WebhookState state, long delivered, long deadLettered,
                            int lastStatus, int attempts, Instant nextAttemptAt, Instant retiredAt) {
}
