package nl.iwa.hub.connectors.rest;

import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.Signal;
import org.apache.avro.Schema;

/** The four things a partner sends by REST, each on its own path and with its own body record of the contract. */
public enum MessageKind {
    SIGNAL("/signals", Signal.getClassSchema()),
    HANDOFF_REQUEST("/handoff-requests", HandoffRequest.getClassSchema()),
    HANDOFF_UPDATE("/handoff-updates", HandoffUpdate.getClassSchema()),
    CONSENT_CHANGE("/consent-changes", ConsentChange.getClassSchema());

    private final String path;
    private final Schema bodySchema;

    MessageKind(String path, Schema bodySchema) {
        this.path = path;
        this.bodySchema = bodySchema;
    }

    /** Below {@link RestIngressRoutes#BASE}. */
    public String path() {
        return path;
    }

    public Schema bodySchema() {
        return bodySchema;
    }
}
