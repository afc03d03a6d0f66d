package nl.iwa.hub.consent;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.policy.DataCategory;

/**
 * What the decisions read of the consents in force: the store of the resident's partition of the decide topology
 * answers (docs/engine-design.md).
 */
public interface ConsentLookup {

    Optional<Consent> get(String consentId);

    /** The consent that makes this flow lawful now, if any. */
    Optional<Consent> findCovering(String pseudonym, Partner receiver, String purpose, Set<DataCategory> categories, Instant now);

    /**
     * Of a resident's consents, the one that makes this flow lawful now. Where several do, the one valid longest is
     * taken, so the audit names a stable reference.
     */
    static Optional<Consent> covering(java.util.Collection<Consent> residents, Partner receiver, String purpose,
                                      Set<DataCategory> categories, Instant now) {
        return residents.stream()
                .filter(c -> c.inForceAt(now) && c.covers(receiver, purpose, categories))
                .max(java.util.Comparator.comparing((Consent c) -> c.validUntil() == null ? Instant.MAX : c.validUntil())
                        .thenComparing(Consent::consentId));
    }
}
