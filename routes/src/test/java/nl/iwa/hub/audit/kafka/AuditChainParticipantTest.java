package nl.iwa.hub.audit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import nl.iwa.hub.contract.audit.AuditRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** Which chain an audit record joins: the resident's, as Kafka would place a record keyed by the pseudonym. */
class AuditChainParticipantTest {

    @Test
    void aRecordJoinsTheChainOfItsResidentElseOfItsCase() {
        for (int i = 0; i < 50; i++) {
            String pseudonym = "%064x".formatted(i * 7919L);
            AuditRecord aboutTheResident = record(pseudonym, "case-" + i);
            assertThat(AuditChainParticipant.partitionOf(aboutTheResident, 3))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(pseudonym.getBytes(StandardCharsets.UTF_8), 3));
            AuditRecord aboutTheCase = record(null, "case-" + i);
            assertThat(AuditChainParticipant.partitionOf(aboutTheCase, 3))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(("case-" + i).getBytes(StandardCharsets.UTF_8), 3));
        }
    }

    private static AuditRecord record(String pseudonym, String correlationId) {
        AuditRecord r = nl.iwa.hub.audit.AuditTrailTest.record("a");
        r.setSubjectPseudonym(pseudonym);
        r.setCorrelationId(correlationId);
        return r;
    }
}
