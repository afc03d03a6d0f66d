package nl.iwa.hub.consent;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.policy.DataCategory;

/**
 * The consents in force on the heap, indexed by subject pseudonym: the state the decision core's tests decide
 * against (the hub keeps it in the decide topology's stores). It was the classic engine's, hence the staging: a
 * change is staged while its transaction is open (later decisions see it) and kept once that transaction committed.
 */
public final class ConsentRegistry implements ConsentState {

    private final Map<String, Consent> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> idsByPseudonym = new ConcurrentHashMap<>();
    private final Map<String, Consent> staged = new ConcurrentHashMap<>();

    /** A change decided in the open transaction: seen by the lookups until the transaction ends. */
    @Override
    public void stage(Consent consent) {
        staged.put(consent.consentId(), consent);
    }

    /** The transaction ended: what committed was {@link #put}, the rest is forgotten. */
    public void clearStaged() {
        staged.clear();
    }

    @Override
    public void put(Consent consent) {
        Consent previous = byId.put(consent.consentId(), consent);
        if (previous != null && !previous.subjectPseudonym().equals(consent.subjectPseudonym())) {
            idsByPseudonym.getOrDefault(previous.subjectPseudonym(), Set.of()).remove(consent.consentId());
        }
        idsByPseudonym.computeIfAbsent(consent.subjectPseudonym(), k -> ConcurrentHashMap.newKeySet()).add(consent.consentId());
    }

    /** A consent gone from the compacted topic (a tombstone: it left the working state after its retention). */
    @Override
    public void remove(String consentId) {
        Consent gone = byId.remove(consentId);
        if (gone != null) {
            Set<String> ids = idsByPseudonym.get(gone.subjectPseudonym());
            if (ids != null) {
                ids.remove(consentId);
                if (ids.isEmpty()) {
                    idsByPseudonym.remove(gone.subjectPseudonym(), ids);
                }
            }
        }
    }

    /** The committed consents that match {@code filter} (the filter must not keep them). */
    public List<Consent> matching(java.util.function.Predicate<Consent> filter) {
        return byId.values().stream().filter(filter).toList();
    }

    @Override
    public Optional<Consent> get(String consentId) {
        return Optional.ofNullable(staged.getOrDefault(consentId, byId.get(consentId)));
    }

    @Override
    public Optional<Consent> findCovering(String pseudonym, Partner receiver, String purpose,
                                          Set<DataCategory> categories, Instant now) {
        return ConsentLookup.covering(forSubject(pseudonym), receiver, purpose, categories, now);
    }

    public Collection<Consent> forSubject(String pseudonym) {
        Set<String> ids = idsByPseudonym.get(pseudonym);
        List<Consent> found = new java.util.ArrayList<>(ids == null ? List.of()
                : ids.stream().filter(id -> !staged.containsKey(id)).map(byId::get).filter(c -> c != null).toList());
        staged.values().stream().filter(c -> c.subjectPseudonym().equals(pseudonym)).forEach(found::add);
        return found;
    }

    public int size() {
        return byId.size();
    }
}
