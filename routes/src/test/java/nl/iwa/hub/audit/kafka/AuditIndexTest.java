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

    @Test
    void flowsAboutAResidentAndItsCoordinatorFollowWhatWasCommittedAndPassedFlowsCanBeForgotten() {
        index.append(flowAbout("p-1", "m-1", java.time.Instant.parse("2026-01-01T00:00:00Z")));
        index.append(flowAbout("p-1", "m-2", java.time.Instant.parse("2026-06-01T00:00:00Z")));
        index.stage(flowAbout("p-1", "m-3", java.time.Instant.parse("2026-06-02T00:00:00Z")));
        index.stage(AuditRecord.newBuilder(AuditTrailTest.record("c-1")).setDecision(Decision.COORDINATOR_CHANGED)
                .setSubjectPseudonym("p-1").setReceiverPartnerId("socialteam").build());

        assertThat(index.flowsAbout("p-1")).extracting(nl.iwa.hub.involvement.InvolvingFlow::messageId).containsExactly("m-1", "m-2", "m-3");
        assertThat(index.coordinatorOf("p-1")).as("a claim in the open transaction counts").contains("socialteam");
        index.discardStaged();
        assertThat(index.coordinatorOf("p-1")).isEmpty();
        assertThat(index.flowsAbout("p-2")).isEmpty();

        int forgotten = index.forgetFlows(f -> f.at().isBefore(java.time.Instant.parse("2026-03-01T00:00:00Z")));

        assertThat(forgotten).isEqualTo(1);
        assertThat(index.flowsAbout("p-1")).extracting(nl.iwa.hub.involvement.InvolvingFlow::messageId).containsExactly("m-2");
        assertThat(index.forgetFlows(f -> true)).isEqualTo(1);
        assertThat(index.flowsAbout("p-1")).isEmpty();
    }

    private static AuditRecord flowAbout(String pseudonym, String messageId, java.time.Instant at) {
        return AuditRecord.newBuilder(AuditTrailTest.record("f-" + messageId)).setDecision(Decision.DELIVERED)
                .setRecordedAt(at).setSubjectPseudonym(pseudonym).setSenderPartnerId("housing").setReceiverPartnerId("socialteam")
                .setPolicyId("housing-socialteam-rent-arrears").setMessageId(messageId).setCorrelationId("case-" + messageId)
                .setMessageType("SIGNAL").build();
    }

    private static AuditRecord deliveredUnder(String consentId, String receiver) {
        return AuditRecord.newBuilder(AuditTrailTest.record("d-" + consentId + receiver))
                .setDecision(Decision.DELIVERED).setConsentReference(consentId).setReceiverPartnerId(receiver)
                .setSourceTopic("iwa.gp.outbox").setSourcePartition(0).setSourceOffset(100).build();
    }
}
