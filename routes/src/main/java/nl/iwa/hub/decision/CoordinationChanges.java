package nl.iwa.hub.decision;

import java.time.Instant;
import java.util.Optional;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.outbox.CoordinationChange;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.identity.Pseudonymiser;
import nl.iwa.hub.involvement.InvolvementLedger;
import nl.iwa.hub.involvement.InvolvementNotices;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.partners.PartnerFunction;

/**
 * One coordinator per resident (docs/involvement.md): a partner involved with the resident may claim the
 * coordination when nobody holds it; only the coordinator may hand it over (to another involved partner) or release
 * it. An enforcement unit never coordinates support. Every involved partner that may know of the coordinator hears
 * of the change.
 */
final class CoordinationChanges {

    private final PartnerDirectory partners;
    private final Pseudonymiser pseudonymiser;
    private final InvolvementLedger ledger;
    private final InvolvementNotices involvement;

    CoordinationChanges(PartnerDirectory partners, Pseudonymiser pseudonymiser, InvolvementLedger ledger,
                        InvolvementNotices involvement) {
        this.partners = partners;
        this.pseudonymiser = pseudonymiser;
        this.ledger = ledger;
        this.involvement = involvement;
    }

    Outcome decide(OutboxMessage m, CoordinationChange c, String owner, Instant now) {
        String pseudonym = pseudonymiser.pseudonymOf(c.getSubject()).orElseThrow();
        Optional<String> current = ledger.coordinatorOf(pseudonym);
        Optional<String> refusal = switch (c.getAction()) {
            case CLAIMED -> current.filter(holder -> !holder.equals(owner))
                    .map(holder -> "another partner coordinates this resident's case; it can hand the coordination over")
                    .or(() -> mayCoordinate(owner, pseudonym, now));
            case HANDED_OVER -> notHolder(current, owner)
                    .or(() -> partners.find(c.getHandOverToPartnerId()).isEmpty()
                            ? Optional.of("handOverToPartnerId names no partner known to the hub") : Optional.empty())
                    .or(() -> mayCoordinate(c.getHandOverToPartnerId(), pseudonym, now));
            case RELEASED -> notHolder(current, owner);
        };
        if (refusal.isPresent()) {
            return new Outcome.Rejected(m, new Violation(ReasonCode.NOT_AUTHORISED, refusal.get()), pseudonym);
        }
        String next = switch (c.getAction()) {
            case CLAIMED -> owner;
            case HANDED_OVER -> c.getHandOverToPartnerId();
            case RELEASED -> null;
        };
        String previous = current.orElse(null);
        return new Outcome.CoordinatorChanged(m, pseudonym, previous, next,
                java.util.Objects.equals(previous, next) ? java.util.List.of()
                        : involvement.onCoordinatorChanged(pseudonym, previous, next, now));
    }

    private static Optional<String> notHolder(Optional<String> current, String owner) {
        return current.filter(owner::equals).isPresent() ? Optional.empty()
                : Optional.of("only the partner that coordinates this resident's case may hand it over or release it");
    }

    private Optional<String> mayCoordinate(String partnerId, String pseudonym, Instant now) {
        Optional<Partner> partner = partners.find(partnerId);
        if (partner.isEmpty() || partner.get().hasFunction(PartnerFunction.ENFORCEMENT)) {
            return Optional.of("an enforcement unit does not coordinate support");
        }
        return involvement.isInvolved(pseudonym, partnerId, now) ? Optional.empty()
                : Optional.of("only a partner involved with the resident (a flow about them within its window, or an open "
                        + "handoff) may coordinate the case");
    }
}
