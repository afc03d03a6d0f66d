package nl.iwa.hub.decision;

import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.handoff.HandoffDesk;
import nl.iwa.hub.policy.PolicyBook;

/** A status update on a handoff from its sender or receiver; the handoff desk holds the state machine. */
final class HandoffUpdates {

    private final HandoffDesk handoffs;
    private final PolicyBook policies;

    HandoffUpdates(HandoffDesk handoffs, PolicyBook policies) {
        this.handoffs = handoffs;
        this.policies = policies;
    }

    Outcome decide(OutboxMessage m, HandoffUpdate u, String owner) {
        if (handoffs.alreadyApplied(u.getHandoffId(), m.getMessageId())) {
            return new Outcome.SkippedReplay(m, u.getHandoffId());
        }
        HandoffDesk.Result result = handoffs.update(owner, m, u);
        if (!result.isAccepted()) {
            return new Outcome.Rejected(m, new Violation(result.code(), result.reason()), null);
        }
        return new Outcome.StatusChanged(m, result.change(),
                policies.byId(result.change().record().getPolicyId()).orElse(null));
    }
}
