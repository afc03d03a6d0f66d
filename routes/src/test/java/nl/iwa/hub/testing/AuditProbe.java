package nl.iwa.hub.testing;

import java.util.List;
import nl.iwa.hub.contract.audit.AuditRecord;
import org.apache.kafka.common.serialization.Deserializer;

/** The audit topic as a privacy officer would read it. */
public final class AuditProbe implements AutoCloseable {

    private TopicProbe<AuditRecord> probe;

    /** Opened on first use, once the hub has created the audit topic. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private synchronized TopicProbe<AuditRecord> probe() {
        if (probe == null) {
            TestInfrastructure infra = TestInfrastructure.get();
            probe = new TopicProbe<>(infra.adminConnection(), "iwa.hub.audit",
                    (Deserializer) PartnerClient.deserializer(infra.registryUrl()));
        }
        return probe;
    }

    public List<AuditRecord> all() {
        return probe().values();
    }

    public List<AuditRecord> forMessage(String messageId) {
        return all().stream().filter(a -> messageId.equals(a.getMessageId())).toList();
    }

    @Override
    public synchronized void close() {
        if (probe != null) {
            probe.close();
        }
    }
}
