package nl.iwa.hub.policy;

import java.util.List;
import java.util.Optional;
import nl.iwa.hub.partners.Partner;

/** All reviewed flow policies. Deny by default: no matching policy means no flow. */
public final class PolicyBook {

    private final List<FlowPolicy> policies;

    public PolicyBook(List<FlowPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    /** The policy for this flow; configuration validation keeps the match unambiguous in practice, first wins. */
    public Optional<FlowPolicy> find(Partner sender, Partner receiver, MessageType type, String purpose) {
        return policies.stream().filter(p -> p.matches(sender, receiver, type, purpose)).findFirst();
    }

    /** The policy with this id, e.g. the one a handoff was requested under. */
    public Optional<FlowPolicy> byId(String id) {
        return policies.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public List<FlowPolicy> all() {
        return policies;
    }
}
