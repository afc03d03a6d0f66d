package nl.iwa.hub.involvement;

import java.time.Instant;
import java.util.Set;

/**
 * A delivered flow about a resident, as the audit trail records it: it makes its sender and its receiver involved
 * with the resident. Ids and times only, never what the flow said.
 *
 * @param consentId the consent it was delivered under; null unless its basis was consent
 * @param handoff   whether it was a handoff request (whose parties stay involved while the handoff is open)
 */
public record InvolvingFlow(String senderPartnerId, String receiverPartnerId, Instant at, String policyId,
                            String consentId, String correlationId, String messageId, boolean handoff) {

    public Set<String> parties() {
        return Set.of(senderPartnerId, receiverPartnerId);
    }

    public boolean hasParty(String partnerId) {
        return senderPartnerId.equals(partnerId) || receiverPartnerId.equals(partnerId);
    }
}
