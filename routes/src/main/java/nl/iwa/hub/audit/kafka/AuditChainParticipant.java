package nl.iwa.hub.audit.kafka;

import nl.iwa.hub.audit.AuditSeal;
import nl.iwa.hub.audit.AuditSealer;
import nl.iwa.hub.audit.AuditTrail;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.transport.TransactionParticipant;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The audit trail's part in each of the hub's transactions: an audit record is linked into the hash chain as it
 * is written (so the chain stands as it will once the transaction commits), staged in the index, and the
 * transaction ends with the seals of the new head. Aborted, the chain goes back to where the transaction began.
 */
public final class AuditChainParticipant implements TransactionParticipant {

    private final AuditTrail audit;
    private final AuditIndex index;
    private final AuditSealer sealer;
    private final Clock clock;
    private AuditTrail.Head chainBefore;

    public AuditChainParticipant(AuditTrail audit, AuditIndex index, AuditSealer sealer, Clock clock) {
        this.audit = audit;
        this.index = index;
        this.sealer = sealer;
        this.clock = clock;
    }

    @Override
    public void begin() {
        chainBefore = audit.head();
    }

    @Override
    public void writing(Object value) {
        if (value instanceof AuditRecord record) {
            audit.seal(record);
            audit.written(record);
            index.stage(record);
        }
    }

    @Override
    public List<ProducerRecord<String, byte[]>> closing() {
        List<ProducerRecord<String, byte[]>> seals = new ArrayList<>();
        for (AuditSeal seal : sealer.sealsFor(chainBefore, audit.head(), clock.instant())) {
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
        audit.rewindTo(chainBefore);
        index.discardStaged();
        sealer.discard();
    }
}
