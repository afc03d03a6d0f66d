package nl.iwa.hub.audit;

import java.util.ArrayList;
import java.util.List;
import nl.iwa.hub.contract.audit.AuditRecord;

/**
 * The audit trail as the classic engine (removed in issue #14) continued it, kept to write such trails in tests: one {@link AuditTrail} hash chain per partition of the audit topic.
 * A record joins the chain of the partition it is written to; within a transaction the chains move on
 * provisionally and go back to where they stood if it aborts.
 */
public final class AuditChains {

    private final List<AuditTrail> chains = new ArrayList<>();

    public AuditChains(TrailHeads committed) {
        for (AuditTrail.Head head : committed.chains()) {
            chains.add(new AuditTrail(head));
        }
    }

    public int partitions() {
        return chains.size();
    }

    /** Links the record into the chain of {@code partition} and counts it as written there. */
    public synchronized AuditRecord append(int partition, AuditRecord record) {
        AuditTrail chain = chains.get(partition);
        chain.seal(record);
        chain.written(record);
        return record;
    }

    public synchronized TrailHeads heads() {
        return new TrailHeads(chains.stream().map(AuditTrail::head).toList());
    }

    /** Undoes provisional links after an aborted transaction. */
    public synchronized void rewindTo(TrailHeads heads) {
        for (int p = 0; p < chains.size(); p++) {
            chains.get(p).rewindTo(heads.chain(p));
        }
    }
}
