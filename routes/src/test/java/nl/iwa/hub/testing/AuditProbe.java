package nl.iwa.hub.testing;

import java.util.List;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.testkit.TopicProbe;
import nl.iwa.hub.testkit.partner.PartnerSerdes;

/** The audit topic as a privacy officer would read it. */
public final class AuditProbe implements AutoCloseable {

    private TopicProbe<AuditRecord> probe;

    /** Opened on first use, once the hub has created the audit topic. */
    private synchronized TopicProbe<AuditRecord> probe() {
        if (probe == null) {
            TestInfrastructure infra = TestInfrastructure.get();
            probe = new TopicProbe<>(infra.adminConnection().properties(), "iwa.hub.audit",
                    PartnerSerdes.deserializerOf(AuditRecord.class, infra.registryUrl()));
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
