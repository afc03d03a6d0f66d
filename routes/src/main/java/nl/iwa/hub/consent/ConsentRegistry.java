package nl.iwa.hub.consent;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.policy.DataCategory;

/**
 * The consents in force, indexed by subject pseudonym. Filled from the compacted consent topic at start-up
 * and kept current by the intake as consent changes arrive, so a consent recorded just before a flow in the
 * same outbox is honoured.
 */
public final class ConsentRegistry {

    private final Map<String, Consent> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> idsByPseudonym = new ConcurrentHashMap<>();

    public void put(Consent consent) {
        Consent previous = byId.put(consent.consentId(), consent);
        if (previous != null && !previous.subjectPseudonym().equals(consent.subjectPseudonym())) {
            idsByPseudonym.getOrDefault(previous.subjectPseudonym(), Set.of()).remove(consent.consentId());
        }
        idsByPseudonym.computeIfAbsent(consent.subjectPseudonym(), k -> ConcurrentHashMap.newKeySet()).add(consent.consentId());
    }

    public Optional<Consent> get(String consentId) {
        return Optional.ofNullable(byId.get(consentId));
    }

    /**
     * The consent that makes this flow lawful now, if any. Where several do, the one valid longest is taken,
     * so the audit names a stable reference.
     */
    public Optional<Consent> findCovering(String pseudonym, Partner receiver, String purpose,
                                          Set<DataCategory> categories, Instant now) {
        return forSubject(pseudonym).stream()
                .filter(c -> c.inForceAt(now) && c.covers(receiver, purpose, categories))
                .max(Comparator.comparing((Consent c) -> c.validUntil() == null ? Instant.MAX : c.validUntil())
                        .thenComparing(Consent::consentId));
    }

    public Collection<Consent> forSubject(String pseudonym) {
        Set<String> ids = idsByPseudonym.get(pseudonym);
        return ids == null ? List.of() : ids.stream().map(byId::get).filter(c -> c != null).toList();
    }

    public int size() {
        return byId.size();
    }
}
