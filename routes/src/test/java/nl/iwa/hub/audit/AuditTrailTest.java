package nl.iwa.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import org.junit.jupiter.api.Test;

class AuditTrailTest {

    static AuditRecord record(String id) {
        return AuditRecord.newBuilder().setAuditId(id).setRecordedAt(Instant.parse("2026-11-22T10:00:00Z"))
                .setDecision(Decision.DELIVERED).setMessageType("SIGNAL").setSenderPartnerId("housing-mijnstreek")
                .setSourceTopic("iwa.housing-mijnstreek.outbox").setSourcePartition(0).setSourceOffset(1)
                .setPreviousHash("").setHash("").build();
    }

    @Test
    void recordsLinkToTheLastWrittenRecord() {
        AuditTrail trail = new AuditTrail(null);

        AuditRecord first = trail.seal(record("a"));
        trail.written(first);
        AuditRecord second = trail.seal(record("b"));

        assertThat(first.getPreviousHash()).isEqualTo(AuditTrail.GENESIS);
        assertThat(second.getPreviousHash()).isEqualTo(first.getHash());
        assertThat(AuditTrail.hashOf(second)).isEqualTo(second.getHash());
    }

    @Test
    void aFailedWriteDoesNotAdvanceTheChain() {
        AuditTrail trail = new AuditTrail(null);

        AuditRecord unwritten = trail.seal(record("a"));
        AuditRecord retried = trail.seal(record("b"));

        assertThat(retried.getPreviousHash()).isEqualTo(AuditTrail.GENESIS).isEqualTo(unwritten.getPreviousHash());
    }

    @Test
    void anyChangeToARecordChangesItsHash() {
        AuditRecord sealed = new AuditTrail(null).seal(record("a"));

        AuditRecord tampered = AuditRecord.newBuilder(sealed).setReceiverPartnerId("someone-else").build();

        assertThat(AuditTrail.hashOf(tampered)).isNotEqualTo(sealed.getHash());
    }
}
