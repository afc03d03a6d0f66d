package nl.iwa.hub.config;

import java.util.List;
import nl.iwa.hub.audit.kafka.AuditIndex;
import nl.iwa.hub.handoff.HandoffStore;
import nl.iwa.hub.involvement.InvolvementLedger;
import nl.iwa.hub.involvement.InvolvingFlow;

/**
 * Involvement as the hub already records it: the flows delivered about a resident and their coordinator from the
 * audit index, and whether a handoff is open from the handoff state. No store of its own, so nothing new to keep consistent.
 */
final class AuditedInvolvement implements InvolvementLedger {

    private final AuditIndex audit;
    private final HandoffStore handoffs;

    AuditedInvolvement(AuditIndex audit, HandoffStore handoffs) {
        this.audit = audit;
        this.handoffs = handoffs;
    }

    @Override
    public List<InvolvingFlow> about(String pseudonym) {
        return audit.flowsAbout(pseudonym);
    }

    @Override
    public java.util.Optional<String> coordinatorOf(String pseudonym) {
        return audit.coordinatorOf(pseudonym);
    }

    @Override
    public boolean handoffOpen(InvolvingFlow flow) {
        // only asked for handoffs past their window, which are few: a scan of the open ones is cheap enough
        return !handoffs.openMatching(r -> flow.messageId() != null && flow.messageId().equals(r.getRequestMessageId())
                && flow.senderPartnerId().equals(r.getSenderPartnerId())).isEmpty();
    }
}
