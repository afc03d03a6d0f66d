package nl.iwa.hub.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import nl.iwa.hub.consent.Consent;
import nl.iwa.hub.contract.common.PartnerKind;
import nl.iwa.hub.contract.consent.ConsentRecord;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerFunction;
import nl.iwa.hub.policy.DataCategory;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A decide task's consents on in-memory stores (the decide topology uses RocksDB ones), and its copy of those read lately. */
class StoredConsentsTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    private final MockProcessorContext<String, String> context = new MockProcessorContext<>();
    private final AtomicInteger storeReads = new AtomicInteger();
    private StoredConsents consents;

    @BeforeEach
    void stores() {
        consents = new StoredConsents(countingReads(store("consents", Serdes.serdeFrom((t, r) -> encode(r), (t, b) -> decode(b)))),
                store("by-resident", Serdes.String()));
    }

    @Test
    void aConsentAskedForAgainIsNotReadFromTheStoreAgain() {
        consents.put(granted("c-1", "pseudonym-1"));

        for (int i = 0; i < 5; i++) {
            assertThat(consents.get("c-1")).isPresent();
            assertThat(consents.get("c-unknown")).isEmpty();
        }

        assertThat(storeReads).hasValue(2);
    }

    @Test
    void aWithdrawalOrARemovalIsSeenAtOnceThoughTheConsentWasReadBefore() {
        Consent consent = granted("c-1", "pseudonym-1");
        consents.put(consent);
        assertThat(consents.get("c-1")).hasValueSatisfying(c -> assertThat(c.inForceAt(T0.plusSeconds(60))).isTrue());

        consents.put(withdrawn(consent, T0.plusSeconds(30)));
        assertThat(consents.get("c-1")).hasValueSatisfying(c -> assertThat(c.inForceAt(T0.plusSeconds(60))).isFalse());
        assertThat(consents.findCovering("pseudonym-1", new Partner("uwv-zuid-limburg", PartnerKind.UWV,
                "UWV", List.of(), Set.of(PartnerFunction.SUPPORT), "lead", false, null, null), "WORK_REINTEGRATION", Set.of(DataCategory.IDENTITY), T0.plusSeconds(60))).isEmpty();

        consents.remove("c-1");
        assertThat(consents.get("c-1")).isEmpty();
    }

    @Test
    void theCopyStaysBoundedHoweverManyConsentsAreRead() {
        for (int i = 0; i < StoredConsents.MOST_REMEMBERED + 10; i++) {
            consents.put(granted("c-" + i, "pseudonym-" + i));
            consents.get("c-" + i);
        }
        int reads = storeReads.get();

        assertThat(consents.get("c-0")).isPresent(); // the eldest was let go: read from the store again
        assertThat(consents.get("c-" + (StoredConsents.MOST_REMEMBERED + 9))).isPresent(); // the latest was kept
        assertThat(storeReads.get() - reads).isEqualTo(1);
    }

    private static Consent granted(String id, String pseudonym) {
        return new Consent(id, "socialteam-heerlen", pseudonym, Set.of("WORK_REINTEGRATION"), Set.of("uwv-zuid-limburg"),
                Set.of(), Set.of(DataCategory.IDENTITY), T0, null, null);
    }

    private static Consent withdrawn(Consent c, Instant at) {
        return new Consent(c.consentId(), c.recordedByPartnerId(), c.subjectPseudonym(), c.purposes(), c.recipientPartnerIds(),
                c.recipientKinds(), c.dataCategories(), c.validFrom(), c.validUntil(), at);
    }

    /** The store, counting the reads by key that reach it. */
    @SuppressWarnings("unchecked")
    private KeyValueStore<String, ConsentRecord> countingReads(KeyValueStore<String, ConsentRecord> store) {
        return (KeyValueStore<String, ConsentRecord>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        storeReads.incrementAndGet();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    private static byte[] encode(ConsentRecord r) {
        try {
            return ConsentRecord.getEncoder().encode(r).array();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ConsentRecord decode(byte[] bytes) {
        try {
            return ConsentRecord.getDecoder().decode(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
