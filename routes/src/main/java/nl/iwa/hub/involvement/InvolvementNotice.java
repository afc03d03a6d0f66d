package nl.iwa.hub.involvement;

import java.time.Instant;
import java.util.List;
import nl.iwa.hub.contract.common.PartnerKind;
import nl.iwa.hub.policy.FlowPolicy;

/**
 * What the hub will tell one partner about who else is involved with a resident: partners, kinds and since when,
 * the partner's own case ids to recognise the resident by, and the policy whose involvement setting allows it.
 *
 * @param coordinatorPartnerId the resident's coordinator, if there is one and this partner may know of it
 */
public record InvolvementNotice(String to, Change change, List<Named> partners, List<String> correlationIds,
                                String coordinatorPartnerId, FlowPolicy policy) {

    /** What the notice tells. */
    public enum Change {
        /** The partners named are involved (some of them newly). */
        JOINED,
        /** The involvement of the partners named, which this partner was told of, has ended. */
        ENDED,
        /** The resident's coordinator changed: {@code coordinatorPartnerId} (null: none). */
        COORDINATOR_CHANGED
    }

    public boolean joined() {
        return change == Change.JOINED;
    }

    /** One partner named in a notice. */
    public record Named(String partnerId, PartnerKind kind, Instant since, boolean coordinator) {
    }

    public List<String> namedIds() {
        return partners.stream().map(Named::partnerId).toList();
    }
}
