package nl.iwa.hub.decision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.iwa.hub.consent.Consent;
import nl.iwa.hub.consent.ConsentLookup;
import nl.iwa.hub.contract.common.CaseFacts;
import nl.iwa.hub.contract.common.LegalBasis;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.contract.outbox.Signal;
import nl.iwa.hub.handoff.HandoffDesk;
import nl.iwa.hub.identity.Pseudonymiser;
import nl.iwa.hub.minimise.MinimisedContent;
import nl.iwa.hub.minimise.Minimiser;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.partners.PartnerFunction;
import nl.iwa.hub.policy.DataCategory;
import nl.iwa.hub.policy.FieldCatalogue;
import nl.iwa.hub.policy.FlowPolicy;
import nl.iwa.hub.policy.MessageType;
import nl.iwa.hub.policy.PolicyBook;

/**
 * The gates a valid signal or handoff request passes, in this order: purpose separation, policy, minimise,
 * consent coverage. Minimising comes before the consent gate because a consent must cover the data categories
 * actually passed on, which only the minimised content tells. The first gate that stops the flow decides.
 */
final class FlowGates {

    private final PartnerDirectory partners;
    private final PolicyBook policies;
    private final ConsentLookup consents;
    private final Pseudonymiser pseudonymiser;
    private final HandoffDesk handoffs;
    private final Minimiser minimiser = new Minimiser();

    FlowGates(PartnerDirectory partners, PolicyBook policies, ConsentLookup consents, Pseudonymiser pseudonymiser,
              HandoffDesk handoffs) {
        this.partners = partners;
        this.policies = policies;
        this.consents = consents;
        this.pseudonymiser = pseudonymiser;
        this.handoffs = handoffs;
    }

    /** {@code m} passed validation, so its sender, receiver and subject are known to be usable. */
    Outcome decide(OutboxMessage m, String owner, Instant now) {
        Partner sender = partners.find(owner).orElseThrow();
        Partner receiver = partners.find(m.getReceiverPartnerId()).orElseThrow();
        Subject subject = m.getBody() instanceof Signal s ? s.getSubject() : ((HandoffRequest) m.getBody()).getSubject();
        CaseFacts facts = m.getBody() instanceof Signal s ? s.getFacts() : ((HandoffRequest) m.getBody()).getFacts();
        String pseudonym = pseudonymiser.pseudonymOf(subject).orElseThrow();

        if (m.getBody() instanceof HandoffRequest h && handoffs.exists(h.getHandoffId())) {
            return handoffs.alreadyApplied(h.getHandoffId(), m.getMessageId())
                    ? new Outcome.SkippedReplay(m, h.getHandoffId())
                    : new Outcome.DeadLettered(m, new Violation(ReasonCode.SCHEMA_INVALID, "handoffId is already in use"),
                            OutboxDecisions.VALIDATION_FAILED, true);
        }
        Optional<Violation> separated = purposeSeparation(sender, receiver);
        if (separated.isPresent()) {
            return new Outcome.Blocked(m, separated.get(), pseudonym, null);
        }
        MessageType type = MessageTypes.of(m);
        Optional<FlowPolicy> found = policies.find(sender, receiver, type, m.getPurpose());
        if (found.isEmpty()) {
            return new Outcome.Blocked(m, new Violation(ReasonCode.NO_POLICY, "no policy allows " + type + " from "
                    + sender.kind() + " to " + receiver.kind() + " for purpose " + m.getPurpose()), pseudonym, null);
        }
        FlowPolicy policy = found.get();
        MinimisedContent content = minimiser.minimise(subject, facts, policy.allowedFields());
        String consentReference = null;
        if (policy.legalBasis() == LegalBasis.CONSENT) {
            Set<DataCategory> needed = FieldCatalogue.categoriesOf(content.fieldsDelivered());
            Optional<Consent> consent = consentCoverage(pseudonym, receiver, m.getPurpose(), needed, now);
            if (consent.isEmpty()) {
                return new Outcome.Blocked(m, new Violation(ReasonCode.NO_CONSENT, "no consent in force covers receiver "
                        + receiver.id() + ", purpose " + m.getPurpose() + " and data categories " + needed), pseudonym, policy);
            }
            consentReference = consent.get().consentId();
        }
        HandoffRecord handoff = m.getBody() instanceof HandoffRequest h ? handoffs.requested(m, h, policy, pseudonym) : null;
        return new Outcome.Delivered(m, sender, receiver, policy, pseudonym, content, consentReference, handoff, List.of());
    }

    /** Data from a confidential source (social team, GP) never reaches an enforcement unit, whatever a policy says. */
    static Optional<Violation> purposeSeparation(Partner sender, Partner receiver) {
        if (sender.isConfidentialSource() && receiver.hasFunction(PartnerFunction.ENFORCEMENT)) {
            return Optional.of(new Violation(ReasonCode.PURPOSE_SEPARATION,
                    "data from a " + sender.kind() + " never reaches an enforcement unit"));
        }
        return Optional.empty();
    }

    /** The consent in force that covers this resident, receiver, purpose and every data category passed on. */
    private Optional<Consent> consentCoverage(String pseudonym, Partner receiver, String purpose, Set<DataCategory> needed,
                                              Instant now) {
        return consents.findCovering(pseudonym, receiver, purpose, needed, now);
    }
}
