package nl.iwa.hub.handoff;

/**
 * Who asks for a status change. The hub derives it from the topic a message came in on (a partner's outbox) or
 * from its own observation, never from a field the partner fills in, so a partner cannot act in another's name.
 */
public enum HandoffActor {
    /** The partner that made the handoff; it may only withdraw it. */
    SENDER,
    /** The partner the handoff is addressed to; it drives the handoff from receipt to its outcome. */
    RECEIVER,
    /** The hub itself, e.g. when it has observed that the receiver's inbox consumed the handoff. */
    HUB
}
