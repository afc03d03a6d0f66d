package nl.iwa.hub.connectors.inbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import nl.iwa.hub.contract.inbox.InboxMessage;

/**
 * An inbox message as a CloudEvent in the NL GOV profile, JSON event format (structured mode). Context attributes
 * carry ids and kinds only, never personal data: the profile forbids it there because attributes end up in logs
 * and routing of every party in between. The resident's data, as far as the policy allowed it, is in {@code data}.
 */
public final class InboxCloudEvents {

    public static final String MEDIA_TYPE = "application/cloudevents+json";
    public static final String BATCH_MEDIA_TYPE = "application/cloudevents-batch+json";
    static final String TYPE_PREFIX = "nl.iwa.hub.inbox.";

    private final String source;

    /** @param hubOin the hub's OIN (20 digits): the source is the hub's system under its organisation's OIN */
    public InboxCloudEvents(String hubOin) {
        if (hubOin == null || !hubOin.matches("\\d{20}")) {
            throw new IllegalArgumentException("iwa.connectors.hub-oin: an OIN is 20 digits");
        }
        this.source = "urn:nld:oin:" + hubOin + ":systeem:iwa-hub";
    }

    public String source() {
        return source;
    }

    public ObjectNode event(InboxMessage message) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("specversion", "1.0");
        event.put("id", message.getMessageId());
        event.put("source", source);
        event.put("type", type(message));
        // the case the message belongs to: an opaque id the intake refuses if it carries a BSN
        if (message.getCorrelationId() != null && !message.getCorrelationId().isBlank()) {
            event.put("subject", message.getCorrelationId());
        }
        Instant created = message.getCreatedAt();
        if (created != null) {
            event.put("time", created.toString());
        }
        event.put("datacontenttype", "application/json");
        event.set("data", AvroJson.of(message));
        return event;
    }

    /** Reverse-DNS, one per body kind, versioned by the envelope's major version: {@code nl.iwa.hub.inbox.status-relay.v1}. */
    public static String type(InboxMessage message) {
        return TYPE_PREFIX + kebab(message.getBody().getClass().getSimpleName()) + ".v" + message.getSchemaVersion();
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
