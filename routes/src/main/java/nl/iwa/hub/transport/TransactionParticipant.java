package nl.iwa.hub.transport;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Takes part in every transaction the {@link TransactionalPublisher} writes, without the transport knowing what
 * for: the audit trail links each audit record into its hash chain as it is written and closes the transaction
 * with its signed seals. Everything it keeps in memory for a transaction must follow the transaction's end:
 * kept when committed, undone when aborted.
 */
public interface TransactionParticipant {

    /**
     * Where a record of the transaction goes: by default where it was addressed. A participant may send it elsewhere
     * (with the decide topology, an audit record becomes a command to the engine task that owns its chain).
     */
    default Outbound route(Outbound out) {
        return out;
    }

    /** A transaction begins. */
    void begin();

    /**
     * A record of the transaction, about to be encoded: the participant may complete it (an audit record's hashes)
     * and choose its partition (the chain it joins).
     *
     * @return the partition to write the record to, or null to leave that to the producer
     */
    Integer writing(Object value);

    /** Records that close the transaction, written in it after every other record (the audit seals). */
    List<ProducerRecord<String, byte[]>> closing();

    /** The transaction committed: what was staged for it now holds. */
    void committed();

    /** The transaction did not commit: nothing staged for it happened. */
    void aborted();
}
