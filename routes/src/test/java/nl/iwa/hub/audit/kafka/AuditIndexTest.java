package nl.iwa.hub.audit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import nl.iwa.hub.audit.AuditTrailTest;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import org.junit.jupiter.api.Test;

class AuditIndexTest {

    private final AuditIndex index = new AuditIndex(null, "audit", null);

    @Test
    void stagedRecordsCountUntilTheirTransactionIsAbortedAndStayOnceCommitted() {
        index.stage(deliveredUnder("consent-1", "socialteam"));
        assertThat(index.deliveredUnder("consent-1")).extracting(AuditIndex.Delivered::receiverPartnerId).containsExactly("socialteam");

        index.discardStaged();
        assertThat(index.deliveredUnder("consent-1")).isEmpty();

        index.stage(deliveredUnder("consent-1", "uwv"));
        index.commitStaged();
        assertThat(index.deliveredUnder("consent-1")).extracting(AuditIndex.Delivered::receiverPartnerId).containsExactly("uwv");
        assertThat(index.deliveredUnder("consent-2")).isEmpty();
    }

    private static AuditRecord deliveredUnder(String consentId, String receiver) {
        return AuditRecord.newBuilder(AuditTrailTest.record("d-" + consentId + receiver))
                .setDecision(Decision.DELIVERED).setConsentReference(consentId).setReceiverPartnerId(receiver)
                .setSourceTopic("iwa.gp.outbox").setSourcePartition(0).setSourceOffset(100).build();
    }
}
