package nl.iwa.hub.consent;

import java.time.Instant;
import java.util.Set;
import nl.iwa.hub.contract.common.PartnerKind;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.policy.DataCategory;

/** A resident's consent as the hub knows it: keyed by pseudonym, never by identity. */
public record Consent(
        String consentId,
        String recordedByPartnerId,
        String subjectPseudonym,
        Set<String> purposes,
        Set<String> recipientPartnerIds,
        Set<PartnerKind> recipientKinds,
        Set<DataCategory> dataCategories,
        Instant validFrom,
        Instant validUntil,
        Instant withdrawnAt) {

    public boolean inForceAt(Instant now) {
        return withdrawnAt == null
                && !now.isBefore(validFrom)
                && (validUntil == null || now.isBefore(validUntil));
    }

    public boolean covers(Partner receiver, String purpose, Set<DataCategory> categories) {
        return purposes.contains(purpose)
                && (recipientPartnerIds.contains(receiver.id()) || recipientKinds.contains(receiver.kind()))
                && dataCategories.containsAll(categories);
    }
}
