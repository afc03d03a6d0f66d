package nl.iwa.hub.policy;

import nl.iwa.hub.contract.common.PartnerKind;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerFunction;

/** Which partners a policy side covers: a kind, optionally narrowed to one function. */
public record PartySpec(PartnerKind kind, PartnerFunction function) {

    public boolean matches(Partner partner) {
        return partner.kind() == kind && (function == null || partner.hasFunction(function));
    }

    @Override
    public String toString() {
        return function == null ? kind.name() : kind + "/" + function;
    }
}
