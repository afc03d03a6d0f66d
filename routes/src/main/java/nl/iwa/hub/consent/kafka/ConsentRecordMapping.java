package nl.iwa.hub.consent.kafka;

import nl.iwa.hub.consent.Consent;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import nl.iwa.hub.contract.consent.ConsentRecord;
import nl.iwa.hub.policy.DataCategory;

/** A consent as the consent topic and the decide topology's store hold it, and back: by pseudonym, never by resident's data. */
public final class ConsentRecordMapping {

    private ConsentRecordMapping() {
    }

    /** The consent as the consent topic holds it: by pseudonym, never by resident's data. */
    public static ConsentRecord toRecord(Consent consent, String evidenceReference, String sourceMessageId) {
        return ConsentRecord.newBuilder()
                .setConsentId(consent.consentId())
                .setRecordedByPartnerId(consent.recordedByPartnerId())
                .setSubjectPseudonym(consent.subjectPseudonym())
                .setPurposes(List.copyOf(consent.purposes()))
                .setRecipientPartnerIds(List.copyOf(consent.recipientPartnerIds()))
                .setRecipientKinds(List.copyOf(consent.recipientKinds()))
                .setDataCategories(consent.dataCategories().stream().map(Enum::name).sorted().toList())
                .setValidFrom(consent.validFrom())
                .setValidUntil(consent.validUntil())
                .setWithdrawnAt(consent.withdrawnAt())
                .setEvidenceReference(evidenceReference)
                .setSourceMessageId(sourceMessageId)
                .build();
    }

    public static Consent toConsent(ConsentRecord c) {
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        c.getDataCategories().forEach(name -> categories.add(DataCategory.valueOf(name)));
        return new Consent(c.getConsentId(), c.getRecordedByPartnerId(), c.getSubjectPseudonym(),
                Set.copyOf(c.getPurposes()), Set.copyOf(c.getRecipientPartnerIds()), Set.copyOf(c.getRecipientKinds()),
                Set.copyOf(categories), c.getValidFrom(), c.getValidUntil(), c.getWithdrawnAt());
    }
}
