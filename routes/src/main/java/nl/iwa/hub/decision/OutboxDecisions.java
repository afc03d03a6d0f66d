package nl.iwa.hub.decision;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import nl.iwa.hub.consent.ConsentLookup;
import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.contract.outbox.CoordinationChange;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.handoff.HandoffDesk;
import nl.iwa.hub.identity.Pseudonymiser;
import nl.iwa.hub.involvement.InvolvementLedger;
import nl.iwa.hub.involvement.InvolvementNotices;
import nl.iwa.hub.involvement.InvolvingFlow;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.policy.PolicyBook;

/**
 * The hub's decision on one decoded outbox message: validation first, then by type the flow gates (signals
 * and handoff requests, with the involvement notices a delivery leads to), the consent changes, the handoff updates
 * or the coordination changes. It reads the current state (partners,
 * policies, consents, handoffs, the clock) and returns an {@link Outcome}; it writes nothing and knows no
 * Kafka, registry, Spring or metrics, so it is tested with plain objects.
 */
public final class OutboxDecisions {

    /** The error class of a message the hub refuses to decide on, as the dead-letter headers name it. */
    public static final String VALIDATION_FAILED = "ValidationFailed";

    private final OutboxMessageValidator validator;
    private final FlowGates flows;
    private final ConsentChanges consentChanges;
    private final InvolvementNotices involvement;
    private final CoordinationChanges coordination;
    private final HandoffUpdates handoffUpdates;
    private final Clock clock;

    /** Without involvement notices: for tests of the other gates (no flow is known to have involved anyone). */
    public OutboxDecisions(PartnerDirectory partners, PolicyBook policies, ConsentLookup consents, Pseudonymiser pseudonymiser,
                           HandoffDesk handoffs, PastDeliveries pastDeliveries, Clock clock) {
        this(partners, policies, consents, pseudonymiser, handoffs, pastDeliveries, InvolvementLedger.NONE, clock);
    }

    public OutboxDecisions(PartnerDirectory partners, PolicyBook policies, ConsentLookup consents, Pseudonymiser pseudonymiser,
                           HandoffDesk handoffs, PastDeliveries pastDeliveries, InvolvementLedger involvementLedger, Clock clock) {
        this.validator = new OutboxMessageValidator(partners);
        this.flows = new FlowGates(partners, policies, consents, pseudonymiser, handoffs);
        this.involvement = new InvolvementNotices(partners, policies, consents::get, involvementLedger);
        this.consentChanges = new ConsentChanges(partners, policies, consents, pseudonymiser, pastDeliveries, involvement);
        this.coordination = new CoordinationChanges(partners, pseudonymiser, involvementLedger, involvement);
        this.handoffUpdates = new HandoffUpdates(handoffs, policies);
        this.clock = clock;
    }

    /** @param owner the partner whose outbox the message was read from: the only sender it may name */
    public Outcome decide(OutboxMessage message, String owner) {
        Instant now = clock.instant();
        Optional<Violation> invalid = validator.validate(message, owner, now);
        if (invalid.isPresent()) {
            return new Outcome.DeadLettered(message, invalid.get(), VALIDATION_FAILED, true);
        }
        return switch (MessageTypes.of(message)) {
            case SIGNAL, HANDOFF_REQUEST -> withInvolvement(flows.decide(message, owner, now), now);
            case CONSENT_CHANGE -> consentChanges.decide(message, (ConsentChange) message.getBody(), owner, now);
            case HANDOFF_UPDATE -> handoffUpdates.decide(message, (HandoffUpdate) message.getBody(), owner);
            case COORDINATION_CHANGE -> coordination.decide(message, (CoordinationChange) message.getBody(), owner, now);
        };
    }

    /** A delivered flow may bring a partner into the resident's circle: the notices that follow (docs/involvement.md). */
    private Outcome withInvolvement(Outcome outcome, Instant now) {
        if (!(outcome instanceof Outcome.Delivered d)) {
            return outcome;
        }
        OutboxMessage m = d.message();
        InvolvingFlow flow = new InvolvingFlow(d.sender().id(), d.receiver().id(), now, d.policy().id(), d.consentReference(),
                m.getCorrelationId(), m.getMessageId(), d.handoff() != null);
        return d.withInvolvement(involvement.onDelivered(d.pseudonym(), flow, d.policy(), now));
    }
}
