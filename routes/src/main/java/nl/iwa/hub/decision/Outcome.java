package nl.iwa.hub.decision;

import java.util.List;
import nl.iwa.hub.involvement.InvolvementNotice;
import java.util.Map;
import nl.iwa.hub.consent.Consent;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.handoff.HandoffChange;
import nl.iwa.hub.minimise.MinimisedContent;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.policy.FlowPolicy;

/**
 * What the hub decided about one outbox message. Only the decision: the records it leads to (deliveries,
 * rejections, dead letters, state, audit) are made from it by the outcome writer. Every reason is a
 * {@link Violation}, whose code is a {@code ReasonCode} and whose text names fields and codes, never values.
 */
public sealed interface Outcome {

    /** The message, or {@code null} when the bytes were no message at all. */
    OutboxMessage message();

    /**
     * A signal or handoff request passed every gate: the receiver gets the minimised content.
     *
     * @param consentReference the consent it was delivered under; {@code null} unless the basis is consent
     * @param handoff          the new handoff a request starts; {@code null} for a signal
     * @param involvement      the involvement notices the delivery leads to
     */
    record Delivered(OutboxMessage message, Partner sender, Partner receiver, FlowPolicy policy, String pseudonym,
                     MinimisedContent content, String consentReference, HandoffRecord handoff,
                     List<InvolvementNotice> involvement) implements Outcome {

        Delivered withInvolvement(List<InvolvementNotice> notices) {
            return new Delivered(message, sender, receiver, policy, pseudonym, content, consentReference, handoff, notices);
        }
    }

    /**
     * A gate stopped a well-formed flow (purpose separation, no policy, no consent): the sender hears why, the
     * receiver nothing.
     *
     * @param policy the policy that matched, when the consent gate stopped it; {@code null} otherwise
     */
    record Blocked(OutboxMessage message, Violation violation, String pseudonym, FlowPolicy policy) implements Outcome {
    }

    /** The sender may not do what it asked (record or withdraw this consent, make this handoff update). */
    record Rejected(OutboxMessage message, Violation violation, String pseudonym) implements Outcome {
    }

    /**
     * Not something the hub can decide on (unreadable, invalid, an id already in use, a failure of the hub's
     * own): the record is parked on the dead-letter topic and the sender hears why.
     *
     * @param message    {@code null} when the bytes were no message
     * @param errorClass what failed, for ops (a class name or {@code ValidationFailed}); never a value
     * @param keepBytes  whether the record's bytes are parked with it, or only its coordinates
     */
    record DeadLettered(OutboxMessage message, Violation violation, String errorClass, boolean keepBytes) implements Outcome {
    }

    /** A handoff update was accepted: the handoff moved, the other party hears of it. */
    record StatusChanged(OutboxMessage message, HandoffChange change, FlowPolicy policy) implements Outcome {
    }

    /**
     * A consent was granted or withdrawn. A withdrawal is told to every partner that received data under it.
     *
     * @param pastDeliveries by receiver (in id order): what each received under the withdrawn consent; empty for a grant
     * @param involvement    notices of involvement that a withdrawal ends; empty for a grant
     */
    record ConsentRecorded(OutboxMessage message, ConsentChange change, Consent consent, String pseudonym, boolean withdrawn,
                           Map<String, List<PastDeliveries.Delivery>> pastDeliveries,
                           List<InvolvementNotice> involvement) implements Outcome {
    }

    /**
     * The coordination of a resident's case changed hands (or was claimed or released; {@code previous} equal to
     * {@code next} changes nothing and tells nobody).
     *
     * @param next the coordinator now; null when released
     */
    record CoordinatorChanged(OutboxMessage message, String pseudonym, String previous, String next,
                              List<InvolvementNotice> involvement) implements Outcome {
    }

    /** Re-read after a crash: this message already changed its handoff, whose state is written. Nothing to do. */
    record SkippedReplay(OutboxMessage message, String handoffId) implements Outcome {
    }
}
