package nl.iwa.hub.partners;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The partners known to the hub, by id. Immutable after start-up. */
public final class PartnerDirectory {

    private final Map<String, Partner> byId;

    public PartnerDirectory(Collection<Partner> partners) {
        Map<String, Partner> map = new LinkedHashMap<>();
        partners.forEach(p -> map.put(p.id(), p));
        this.byId = Map.copyOf(map);
    }

    public Optional<Partner> find(String partnerId) {
        return partnerId == null ? Optional.empty() : Optional.ofNullable(byId.get(partnerId));
    }

    public Collection<Partner> all() {
        return byId.values();
    }
}
