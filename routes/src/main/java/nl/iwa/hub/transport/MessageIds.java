package nl.iwa.hub.transport;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Inbox message ids derived from what caused them, so a message written again after a retry carries the
 * same id and a partner can drop the duplicate, and so the audit trail can name a delivery without storing it.
 */
public final class MessageIds {

    private MessageIds() {
    }

    public static String delivery(String senderPartnerId, String outboxMessageId, String receiverPartnerId) {
        return derive(senderPartnerId + "/" + outboxMessageId + "/delivery/" + receiverPartnerId);
    }

    public static String derive(String cause) {
        return UUID.nameUUIDFromBytes(cause.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
