package nl.iwa.hub.connectors.inbox;

/** Where a webhook subscription stands, as ops see it. */
public enum WebhookState {
    /** not yet confirmed by the receiver's handshake */
    VALIDATING,
    /** delivering */
    ACTIVE,
    /** a message was not taken; waiting to try it again (nothing later is sent meanwhile: order is kept) */
    BACKING_OFF,
    /** the receiver answered 410 Gone: nothing more is sent until partners.yaml names another URL */
    RETIRED,
    /** the hub is stopping, or the subscription failed in a way it cannot recover from (see the logs) */
    STOPPED
}
