package nl.iwa.hub.audit.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import nl.iwa.hub.audit.AuditChains;
import nl.iwa.hub.audit.AuditSeal;
import nl.iwa.hub.audit.AuditSealer;
import nl.iwa.hub.audit.TrailHeads;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.transport.TransactionParticipant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * The audit trail's part in each of the hub's transactions: an audit record is linked into the hash chain of its
 * partition as it is written (so the chains stand as they will once the transaction commits), staged in the
 * index, and the transaction ends with the seals of the new heads. Aborted, the chains go back to where the
 * transaction began.
 *
 * <p>A record's partition follows the resident it is about (its pseudonym), hashed as Kafka's default partitioner
 * hashes a key: everything about one resident is on one chain, in the order it was decided. Records about no
 * resident follow their case (correlation id), and otherwise their own id.
 */
public final class AuditChainParticipant implements TransactionParticipant {

    private final AuditChains chains;
    private final AuditIndex index;
    private final AuditSealer sealer;
    private final Clock clock;
    private TrailHeads before;

    public AuditChainParticipant(AuditChains chains, AuditIndex index, AuditSealer sealer, Clock clock) {
        this.chains = chains;
        this.index = index;
        this.sealer = sealer;
        this.clock = clock;
    }

    @Override
    public void begin() {
        before = chains.heads();
    }

    @Override
    public Integer writing(Object value) {
        if (value instanceof AuditRecord record) {
            int partition = partitionOf(record, chains.partitions());
            chains.append(partition, record);
            index.stage(record);
            return partition;
        }
        return null;
    }

    /** The chain a record joins: by resident, else by case, else by its own id. */
    static int partitionOf(AuditRecord record, int partitions) {
        String key = record.getSubjectPseudonym() != null ? record.getSubjectPseudonym()
                : record.getCorrelationId() != null ? record.getCorrelationId() : record.getAuditId();
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public List<ProducerRecord<String, byte[]>> closing() {
        List<ProducerRecord<String, byte[]>> seals = new ArrayList<>();
        for (AuditSeal seal : sealer.sealsFor(before, chains.heads(), clock.instant())) {
            seals.add(new ProducerRecord<>(sealer.sealTopic(), null, seal.recordKey(), seal.toJson().getBytes(StandardCharsets.UTF_8)));
        }
        return seals;
    }

    @Override
    public void committed() {
        index.commitStaged();
        sealer.committed();
    }

    @Override
    public void aborted() {
        chains.rewindTo(before);
        index.discardStaged();
        sealer.discard();
    }
}
