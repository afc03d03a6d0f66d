package nl.iwa.hub.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.testkit.TopicProbe;
import nl.iwa.hub.testkit.partner.PartnerSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;

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

    /** The audit topic's chains, one per partition, each in its order. */
    public Map<Integer, List<AuditRecord>> chains() {
        Map<Integer, List<AuditRecord>> byPartition = new TreeMap<>();
        for (ConsumerRecord<String, AuditRecord> r : probe().records()) {
            byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r.value());
        }
        return byPartition;
    }

    /** The longest of the audit topic's chains: one long enough to tamper with in a test. */
    public List<AuditRecord> longestChain() {
        return chains().values().stream().max(Comparator.comparingInt(List::size)).orElse(List.of());
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
