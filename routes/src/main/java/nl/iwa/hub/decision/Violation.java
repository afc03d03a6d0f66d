package nl.iwa.hub.decision;

import nl.iwa.hub.contract.common.ReasonCode;

/**
 * Why a message is not passed on. The reason names fields and codes only, never values, because it travels
 * to the sender's inbox, the dead-letter headers, the audit trail and the logs.
 */
public record Violation(ReasonCode code, String reason) {
}
