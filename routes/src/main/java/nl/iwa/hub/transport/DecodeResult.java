package nl.iwa.hub.transport;

import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.outbox.OutboxMessage;

/** Either a decoded outbox message, or why the bytes are not one (reason names no values). */
public record DecodeResult(OutboxMessage message, ReasonCode failureCode, String failure, String errorClass) {

    public static DecodeResult ok(OutboxMessage message) {
        return new DecodeResult(message, null, null, null);
    }

    public static DecodeResult failed(ReasonCode code, String reason, String errorClass) {
        return new DecodeResult(null, code, reason, errorClass);
    }

    public boolean isOk() {
        return message != null;
    }
}
