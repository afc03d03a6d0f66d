package nl.iwa.hub.outcome;

import java.util.List;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.consent.Consent;
import nl.iwa.hub.consent.ConsentState;
import nl.iwa.hub.consent.kafka.ConsentRecordMapping;
import nl.iwa.hub.contract.consent.ConsentRecord;
import nl.iwa.hub.contract.inbox.ConsentWithdrawnNotice;
import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.decision.PastDeliveries;
import nl.iwa.hub.transport.MessageIds;
import nl.iwa.hub.transport.Outbound;

/** The records of a consent change: its new state (by pseudonym, never by resident's data) and withdrawal notices. */
final class ConsentRecords {

    private final Topics topics;
    private final ConsentState consents;
    private final InboxMessages inbox;

    ConsentRecords(Topics topics, ConsentState consents, InboxMessages inbox) {
        this.topics = topics;
        this.consents = consents;
        this.inbox = inbox;
    }

    /** Staged at once, so the next decision of the transaction sees it; put once the transaction commits. */
    Outbound state(Consent consent, ConsentChange change, String pseudonym, String sourceMessageId) {
        consents.stage(consent);
        // under the pseudonym the decision computed
        ConsentRecord state = ConsentRecordMapping.toRecord(consent, change.getEvidenceReference(), sourceMessageId);
        state.setSubjectPseudonym(pseudonym);
        return Outbound.avro(Outbound.Kind.CONSENT_STATE, topics.consent(), consent.consentId(), state)
                .whenCommitted(() -> consents.put(consent));
    }

    /** The consent leaves the working state: a tombstone on the compacted topic, forgotten once that committed. */
    Outbound retired(Consent consent) {
        return Outbound.raw(Outbound.Kind.CONSENT_STATE, topics.consent(), consent.consentId(), null)
                .whenCommitted(() -> consents.remove(consent.consentId()));
    }

    /** Tells {@code receiver} which of the messages it received fall under the withdrawn consent. */
    Outbound withdrawalNotice(OutboxMessage m, Consent consent, String receiver, List<PastDeliveries.Delivery> deliveries) {
        ConsentWithdrawnNotice notice = ConsentWithdrawnNotice.newBuilder()
                .setConsentId(consent.consentId())
                .setWithdrawnAt(consent.withdrawnAt())
                .setDeliveredMessageIds(deliveries.stream()
                        .map(d -> MessageIds.delivery(d.senderPartnerId(), d.messageId(), receiver)).toList())
                .setCorrelationIds(deliveries.stream().map(PastDeliveries.Delivery::correlationId).distinct().toList())
                .build();
        return Outbound.avro(Outbound.Kind.CONSENT_NOTICE, topics.inbox(receiver), m.getCorrelationId(),
                inbox.fromHub(MessageIds.derive(m.getMessageId() + "/withdrawal/" + receiver), m.getCorrelationId(),
                        m.getMessageId(), receiver, notice));
    }
}
