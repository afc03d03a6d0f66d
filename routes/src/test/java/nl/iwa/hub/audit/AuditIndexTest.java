package nl.iwa.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import org.junit.jupiter.api.Test;

class AuditIndexTest {

    private final AuditIndex index = new AuditIndex(null, "audit", null);

    @Test
    void everythingUpToTheHighestAuditedOffsetOfAPartitionIsDecided() {
        index.append(decided("iwa.uwv.outbox", 0, 4));
        index.append(decided("iwa.uwv.outbox", 0, 7));

        assertThat(index.decided("iwa.uwv.outbox", 0, 5)).as("skipped without audit, before a decided one").isTrue();
        assertThat(index.decided("iwa.uwv.outbox", 0, 7)).isTrue();
        assertThat(index.decided("iwa.uwv.outbox", 0, 8)).isFalse();
        assertThat(index.decided("iwa.uwv.outbox", 1, 0)).as("another partition").isFalse();
        assertThat(index.decided("iwa.gp.outbox", 0, 0)).as("another topic").isFalse();
    }

    @Test
    void stagedRecordsCountUntilTheirTransactionIsAbortedAndStayOnceCommitted() {
        index.stage(decided("iwa.uwv.outbox", 0, 3));
        index.stage(deliveredUnder("consent-1", "socialteam"));
        assertThat(index.decided("iwa.uwv.outbox", 0, 3)).isTrue();
        assertThat(index.deliveredUnder("consent-1")).extracting(AuditIndex.Delivered::receiverPartnerId).containsExactly("socialteam");

        index.discardStaged();
        assertThat(index.decided("iwa.uwv.outbox", 0, 3)).isFalse();
        assertThat(index.deliveredUnder("consent-1")).isEmpty();

        index.stage(deliveredUnder("consent-1", "uwv"));
        index.commitStaged();
        assertThat(index.deliveredUnder("consent-1")).extracting(AuditIndex.Delivered::receiverPartnerId).containsExactly("uwv");
        assertThat(index.deliveredUnder("consent-2")).isEmpty();
    }

    private static AuditRecord decided(String topic, int partition, long offset) {
        return AuditRecord.newBuilder(AuditTrailTest.record("a-" + topic + partition + offset))
                .setSourceTopic(topic).setSourcePartition(partition).setSourceOffset(offset).build();
    }

    private static AuditRecord deliveredUnder(String consentId, String receiver) {
        return AuditRecord.newBuilder(AuditTrailTest.record("d-" + consentId + receiver))
                .setDecision(Decision.DELIVERED).setConsentReference(consentId).setReceiverPartnerId(receiver)
                .setSourceTopic("iwa.gp.outbox").setSourcePartition(0).setSourceOffset(100).build();
    }
}
