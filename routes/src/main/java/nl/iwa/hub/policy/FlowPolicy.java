package nl.iwa.hub.policy;

import java.util.Set;
import nl.iwa.hub.contract.common.LegalBasis;
import nl.iwa.hub.partners.Partner;

/**
 * One reviewed flow of the data-sharing protocol: who may send what to whom, for which purpose, on which
 * legal basis, and which fields the receiver gets. {@code involvement} is null unless the policy lets the hub tell
 * the partners working with the resident of each other.
 */
public record FlowPolicy(
        String id,
        String description,
        PartySpec from,
        PartySpec to,
        MessageType messageType,
        String purpose,
        LegalBasis legalBasis,
        String citation,
        int retentionDays,
        Set<String> allowedFields,
        Deadlines deadlines,
        InvolvementSetting involvement) {

    public boolean matches(Partner sender, Partner receiver, MessageType type, String requestedPurpose) {
        return messageType == type && purpose.equals(requestedPurpose) && from.matches(sender) && to.matches(receiver);
    }

    /** The data categories of the allowed fields; consent must cover these when the basis is CONSENT. */
    public Set<DataCategory> dataCategories() {
        return FieldCatalogue.categoriesOf(allowedFields);
    }
}
