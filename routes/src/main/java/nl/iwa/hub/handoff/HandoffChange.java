package nl.iwa.hub.handoff;

import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.handoff.HandoffRecord;

/**
 * A handoff moved to a new status: its new state and who hears of the move.
 *
 * @param record      the handoff's new state
 * @param previous    the status it left; {@code null} for a new handoff
 * @param relayTo     the partner told of the move
 * @param causationId the outbox message that caused it; {@code null} when the hub observed it itself
 * @param origin      who made the move: a partner id, or the hub
 */
public record HandoffChange(HandoffRecord record, HandoffStatus previous, String relayTo, String causationId, String origin) {
}
