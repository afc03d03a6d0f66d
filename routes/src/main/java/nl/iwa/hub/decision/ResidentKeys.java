package nl.iwa.hub.decision;

import java.util.Optional;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.contract.outbox.CoordinationChange;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.contract.outbox.Signal;
import nl.iwa.hub.identity.Pseudonymiser;

/**
 * Whom an outbox message is about, as the key that puts everything about one resident on one partition of the
 * decide topic (docs/engine-design.md): the pseudonym of its subject. Decisions rely on the order per resident (a
 * consent just before a flow, a withdrawal before every later flow whatever its case), and a partition is the one
 * place Kafka keeps an order. A status update names no resident, only its handoff: it is keyed by the handoff, so
 * it can be routed to the resident's partition once the handoff is known. What names no one the hub can identify
 * has no resident to keep in order with: any partition will do, and the decide step refuses it.
 */
public final class ResidentKeys {

    private final Pseudonymiser pseudonymiser;

    public ResidentKeys(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    /** The key of a decoded outbox message. */
    public ResidentKey of(OutboxMessage message) {
        Object body = message.getBody();
        if (body instanceof HandoffUpdate u) {
            return present(u.getHandoffId()) ? new ResidentKey.OfHandoff(u.getHandoffId()) : ResidentKey.NONE;
        }
        return subjectOf(body).flatMap(pseudonymiser::pseudonymOf).<ResidentKey>map(ResidentKey.OfResident::new)
                .orElse(ResidentKey.NONE);
    }

    private static Optional<Subject> subjectOf(Object body) {
        Subject s = body instanceof Signal sig ? sig.getSubject()
                : body instanceof HandoffRequest h ? h.getSubject()
                : body instanceof ConsentChange c ? c.getSubject()
                : body instanceof CoordinationChange c ? c.getSubject() : null;
        return Optional.ofNullable(s);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /** Where a message is decided: with its resident, via its handoff, or anywhere (it names no one known). */
    public sealed interface ResidentKey {

        ResidentKey NONE = new Nobody();

        /** Everything about this resident: consents, signals, handoff requests, coordination. */
        record OfResident(String pseudonym) implements ResidentKey {
        }

        /** A status update: decided with its handoff's resident, once the handoff's route is known. */
        record OfHandoff(String handoffId) implements ResidentKey {
        }

        /** No subject the hub can identify (or no handoff id): refused wherever it is decided. */
        record Nobody() implements ResidentKey {
        }
    }
}
