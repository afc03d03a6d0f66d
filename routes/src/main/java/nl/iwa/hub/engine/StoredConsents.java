package nl.iwa.hub.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.iwa.hub.consent.Consent;
import nl.iwa.hub.consent.ConsentLookup;
import nl.iwa.hub.consent.ConsentState;
import nl.iwa.hub.consent.kafka.ConsentRecordMapping;
import nl.iwa.hub.contract.consent.ConsentRecord;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.policy.DataCategory;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The consents of one decide task's residents, in its stores: by consent id, and an index by pseudonym so a flow
 * finds its resident's consents without a scan. A change staged by a decision is seen at once by the decisions
 * that follow and goes into the stores when the decision's records are forwarded ({@link #put}); dropped
 * ({@link #discardStaged}) when they could not be.
 */
final class StoredConsents implements ConsentState {

    private final KeyValueStore<String, ConsentRecord> byId;
    private final KeyValueStore<String, String> byResident;
    private final Map<String, Consent> staged = new HashMap<>();

    StoredConsents(KeyValueStore<String, ConsentRecord> byId, KeyValueStore<String, String> byResident) {
        this.byId = byId;
        this.byResident = byResident;
    }

    @Override
    public Optional<Consent> get(String consentId) {
        Consent pending = staged.get(consentId);
        if (pending != null) {
            return Optional.of(pending);
        }
        ConsentRecord stored = byId.get(consentId);
        return stored == null ? Optional.empty() : Optional.of(ConsentRecordMapping.toConsent(stored));
    }

    @Override
    public Optional<Consent> findCovering(String pseudonym, Partner receiver, String purpose, Set<DataCategory> categories,
                                          Instant now) {
        return ConsentLookup.covering(forSubject(pseudonym), receiver, purpose, categories, now);
    }

    private List<Consent> forSubject(String pseudonym) {
        List<Consent> found = new ArrayList<>();
        try (KeyValueIterator<String, String> ids = byResident.prefixScan(StoreKeys.of(pseudonym, ""), new StringSerializer())) {
            ids.forEachRemaining(kv -> {
                if (!staged.containsKey(kv.value)) {
                    get(kv.value).ifPresent(found::add);
                }
            });
        }
        staged.values().stream().filter(c -> c.subjectPseudonym().equals(pseudonym)).forEach(found::add);
        return found;
    }

    /** The stored consents that match {@code filter} (the retention's question). */
    List<Consent> matching(java.util.function.Predicate<Consent> filter) {
        List<Consent> found = new ArrayList<>();
        try (KeyValueIterator<String, ConsentRecord> all = byId.all()) {
            all.forEachRemaining(kv -> {
                Consent c = ConsentRecordMapping.toConsent(kv.value);
                if (filter.test(c)) {
                    found.add(c);
                }
            });
        }
        return found;
    }

    @Override
    public void stage(Consent consent) {
        staged.put(consent.consentId(), consent);
    }

    @Override
    public void put(Consent consent) {
        staged.remove(consent.consentId());
        byId.put(consent.consentId(), ConsentRecordMapping.toRecord(consent, null, ""));
        byResident.put(StoreKeys.of(consent.subjectPseudonym(), consent.consentId()), consent.consentId());
    }

    @Override
    public void remove(String consentId) {
        staged.remove(consentId);
        ConsentRecord gone = byId.delete(consentId);
        if (gone != null) {
            byResident.delete(StoreKeys.of(gone.getSubjectPseudonym(), consentId));
        }
    }

    /** The decision's records could not be forwarded: what it staged never happened. */
    void discardStaged() {
        staged.clear();
    }
}
