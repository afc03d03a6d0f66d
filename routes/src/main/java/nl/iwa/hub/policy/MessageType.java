package nl.iwa.hub.policy;

/** The kinds of outbox message a policy can govern. */
public enum MessageType {
    SIGNAL,
    HANDOFF_REQUEST,
    HANDOFF_UPDATE,
    CONSENT_CHANGE,
    /** Contract v2: claiming, handing over or releasing the coordination of a resident's case. */
    COORDINATION_CHANGE
}
