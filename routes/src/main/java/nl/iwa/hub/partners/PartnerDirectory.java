package nl.iwa.hub.partners;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The partners known to the hub, by id, in the order of partners.yaml. Immutable after start-up. */
public final class PartnerDirectory {

    private final Map<String, Partner> byId;

    public PartnerDirectory(Collection<Partner> partners) {
        Map<String, Partner> map = new LinkedHashMap<>();
        partners.forEach(p -> map.put(p.id(), p));
        this.byId = java.util.Collections.unmodifiableMap(map); // in file order: exports and rules are stable
    }

    public Optional<Partner> find(String partnerId) {
        return partnerId == null ? Optional.empty() : Optional.ofNullable(byId.get(partnerId));
    }

    public Collection<Partner> all() {
        return byId.values();
    }
}
