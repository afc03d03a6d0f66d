package nl.iwa.hub.outcome;

import java.util.ArrayList;
import java.util.List;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.inbox.InvolvedPartner;
import nl.iwa.hub.contract.inbox.InvolvementChange;
import nl.iwa.hub.involvement.InvolvementNotice;
import nl.iwa.hub.policy.InvolvementSetting;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.transport.MessageIds;
import nl.iwa.hub.transport.Outbound;

/**
 * The involvement notices of a decision, each in its partner's inbox and each audited: who was told of whom
 * (partner ids), on which policy and basis, about which pseudonym. Never what the other flows said.
 */
final class InvolvementRecords {

    private final Topics topics;
    private final InboxMessages inbox;
    private final AuditRecords audit;

    InvolvementRecords(Topics topics, InboxMessages inbox, AuditRecords audit) {
        this.topics = topics;
        this.inbox = inbox;
        this.audit = audit;
    }

    /**
     * @param causeMessageId the outbox message whose decision led to the notices: their ids derive from it, so a
     *                       decision written again gives the same ids and a partner can drop the duplicate
     */
    List<Outbound> notices(List<InvolvementNotice> notices, String causeMessageId, String pseudonym, String sourceTopic,
                           int partition, long offset) {
        List<Outbound> out = new ArrayList<>();
        for (InvolvementNotice n : notices) {
            InvolvementSetting setting = n.policy().involvement();
            nl.iwa.hub.contract.inbox.InvolvementNotice body = nl.iwa.hub.contract.inbox.InvolvementNotice.newBuilder()
                    .setChange(InvolvementChange.valueOf(n.change().name()))
                    .setCorrelationIds(n.correlationIds())
                    .setPartners(n.partners().stream().map(p -> InvolvedPartner.newBuilder().setPartnerId(p.partnerId())
                            .setKind(p.kind()).setSince(p.since()).setCoordinator(p.coordinator()).build()).toList())
                    .setCoordinatorPartnerId(n.coordinatorPartnerId())
                    .build();
            String correlation = n.correlationIds().isEmpty() ? causeMessageId : n.correlationIds().get(0);
            InboxMessage message = inbox.fromHub(
                    MessageIds.derive(causeMessageId + "/involvement/" + n.change() + "/" + n.to()),
                    correlation, causeMessageId, n.to(), body);
            message.setPurpose(setting.purpose());
            message.setLegalBasis(setting.legalBasis());
            message.setPolicyId(n.policy().id());
            out.add(Outbound.avro(Outbound.Kind.INVOLVEMENT_NOTICE, topics.inbox(n.to()), correlation, message));
            AuditRecord record = audit.decision(Decision.INVOLVEMENT_NOTIFIED, "INVOLVEMENT_NOTICE",
                            nl.iwa.hub.partners.Partner.HUB, sourceTopic, partition, offset)
                    .setMessageId(message.getMessageId())
                    .setCorrelationId(correlation)
                    .setReceiverPartnerId(n.to())
                    .setSubjectPseudonym(pseudonym)
                    .setPurpose(setting.purpose())
                    .setPolicyId(n.policy().id())
                    .setLegalBasis(setting.legalBasis())
                    .setDetail(n.change().name().toLowerCase(java.util.Locale.ROOT) + ": " + String.join(",", n.namedIds())
                            + (n.coordinatorPartnerId() == null ? "" : "; coordinator " + n.coordinatorPartnerId()))
                    .build();
            out.add(audit.out(topics, record));
        }
        return out;
    }
}
