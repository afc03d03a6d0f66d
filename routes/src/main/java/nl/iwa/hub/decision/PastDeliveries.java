package nl.iwa.hub.decision;

import java.util.List;

/** The deliveries made under a consent (from the audit trail): who must hear that it was withdrawn. */
@FunctionalInterface
public interface PastDeliveries {

    List<Delivery> under(String consentId);

    /** One delivery: the outbox message it came from, and who received it. */
    record Delivery(String senderPartnerId, String messageId, String receiverPartnerId, String correlationId) {
    }
}
