package nl.iwa.hub.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import nl.iwa.hub.consent.Consent;
import nl.iwa.hub.contract.common.PartnerKind;
import nl.iwa.hub.contract.consent.ConsentRecord;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerFunction;
import nl.iwa.hub.policy.DataCategory;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A decide task's consents on in-memory stores (the decide topology uses RocksDB ones). */
class StoredConsentsTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    private static final Partner UWV = new Partner("uwv-zuid-limburg", PartnerKind.UWV, "UWV", List.of(),
            Set.of(PartnerFunction.SUPPORT), "lead", false, null, null);

    private final InMemoryStores stores = new InMemoryStores();
    private StoredConsents consents;

    @BeforeEach
    void openStores() {
        consents = new StoredConsents(stores.store("consents", InMemoryStores.avro(ConsentRecord.class)),
                stores.store("by-resident", Serdes.String()));
    }

    @Test
    void aWithdrawalOrARemovalIsSeenByTheNextDecision() {
        Instant later = T0.plusSeconds(60);
        Consent consent = granted("c-1", "pseudonym-1");
        consents.put(consent);
        assertThat(consents.findCovering("pseudonym-1", UWV, "WORK_REINTEGRATION", Set.of(DataCategory.IDENTITY), later))
                .map(Consent::consentId).hasValue("c-1");
        assertThat(consents.findCovering("pseudonym-2", UWV, "WORK_REINTEGRATION", Set.of(DataCategory.IDENTITY), later)).isEmpty();

        consents.put(withdrawn(consent, T0.plusSeconds(30)));
        assertThat(consents.get("c-1")).hasValueSatisfying(c -> assertThat(c.inForceAt(later)).isFalse());
        assertThat(consents.findCovering("pseudonym-1", UWV, "WORK_REINTEGRATION", Set.of(DataCategory.IDENTITY), later)).isEmpty();

        consents.remove("c-1");
        assertThat(consents.get("c-1")).isEmpty();
    }

    private static Consent granted(String id, String pseudonym) {
        return new Consent(id, "socialteam-heerlen", pseudonym, Set.of("WORK_REINTEGRATION"), Set.of("uwv-zuid-limburg"),
                Set.of(), Set.of(DataCategory.IDENTITY), T0, null, null);
    }

    private static Consent withdrawn(Consent c, Instant at) {
        return new Consent(c.consentId(), c.recordedByPartnerId(), c.subjectPseudonym(), c.purposes(), c.recipientPartnerIds(),
                c.recipientKinds(), c.dataCategories(), c.validFrom(), c.validUntil(), at);
    }
}
