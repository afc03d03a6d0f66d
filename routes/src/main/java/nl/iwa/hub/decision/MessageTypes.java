package nl.iwa.hub.decision;

import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.contract.outbox.CoordinationChange;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.contract.outbox.Signal;
import nl.iwa.hub.policy.MessageType;

public final class MessageTypes {

    private MessageTypes() {
    }

    public static MessageType of(OutboxMessage message) {
        Object body = message.getBody();
        if (body instanceof Signal) {
            return MessageType.SIGNAL;
        }
        if (body instanceof HandoffRequest) {
            return MessageType.HANDOFF_REQUEST;
        }
        if (body instanceof HandoffUpdate) {
            return MessageType.HANDOFF_UPDATE;
        }
        if (body instanceof ConsentChange) {
            return MessageType.CONSENT_CHANGE;
        }
        if (body instanceof CoordinationChange) {
            return MessageType.COORDINATION_CHANGE;
        }
        throw new IllegalArgumentException("unknown body type " + (body == null ? "null" : body.getClass().getSimpleName()));
    }
}
