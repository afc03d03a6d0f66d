package nl.iwa.hub.consent.kafka;

import nl.iwa.hub.consent.ConsentRegistry;
import nl.iwa.hub.consent.Consent;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import nl.iwa.hub.contract.consent.ConsentRecord;
import nl.iwa.hub.policy.DataCategory;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.TopicReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rebuilds the consent registry from the compacted consent topic before intake starts. */
public final class ConsentStateLoader {

    private static final Logger log = LoggerFactory.getLogger(ConsentStateLoader.class);

    private ConsentStateLoader() {
    }

    public static ConsentRegistry load(TopicReader reader, String topic, AvroCodec codec) {
        ConsentRegistry registry = new ConsentRegistry();
        long read = reader.readAll(topic, record -> {
            if (record.value() == null) {
                if (record.key() != null) {
                    registry.remove(record.key()); // tombstone: the consent left after its retention
                }
                return;
            }
            if (codec.decode(topic, record.value()) instanceof ConsentRecord c) {
                registry.put(toConsent(c));
            } else {
                log.warn("skipped unreadable consent state at {}-{}@{}", record.topic(), record.partition(), record.offset());
            }
        });
        log.info("consent registry rebuilt from {} records: {} consents", read, registry.size());
        return registry;
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
