package nl.iwa.hub.involvement;

import java.time.Instant;
import java.util.List;
import nl.iwa.hub.contract.common.PartnerKind;
import nl.iwa.hub.policy.FlowPolicy;

/**
 * What the hub will tell one partner about who else is involved with a resident: partners, kinds and since when,
 * the partner's own case ids to recognise the resident by, and the policy whose involvement setting allows it.
 *
 * @param joined whether the partners named joined (true) or their involvement this partner knew of ended (false)
 */
public record InvolvementNotice(String to, boolean joined, List<Named> partners, List<String> correlationIds,
                                String coordinatorPartnerId, FlowPolicy policy) {

    /** One partner named in a notice. */
    public record Named(String partnerId, PartnerKind kind, Instant since, boolean coordinator) {
    }

    public List<String> namedIds() {
        return partners.stream().map(Named::partnerId).toList();
    }
}
