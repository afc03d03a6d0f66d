package nl.iwa.hub.intake;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.iwa.hub.transport.Failures;
import nl.iwa.hub.transport.RawOutboxRecord;
import nl.iwa.hub.transport.TransactionalPublisher;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a batch of outbox records in order and writes every outcome, with the offsets consumed, in one
 * Kafka transaction. Each decision sees the ones before it in the batch (a consent just recorded, a handoff
 * just requested), because the state they wrote is staged until the transaction ends.
 *
 * <p>Failures: trouble with the broker or registry is thrown, so the batch is tried again later from the
 * committed offsets (intake pauses, nothing is skipped). Any other failure may be one record's fault: the batch
 * is then decided record by record, and a record whose outcome still cannot be written after
 * {@link #ATTEMPTS_ALONE} tries is parked on the dead-letter topic, with a rejection to its sender, so the
 * retries for it are bounded and the partners behind it are not held up.
 */
public final class OutboxBatchDecider {

    static final int ATTEMPTS_ALONE = 3;
    private static final Logger log = LoggerFactory.getLogger(OutboxBatchDecider.class);

    private final OutboxRecordHandler handler;
    private final TransactionalPublisher publisher;

    public OutboxBatchDecider(OutboxRecordHandler handler, TransactionalPublisher publisher) {
        this.handler = handler;
        this.publisher = publisher;
    }

    public void decide(List<RawOutboxRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            decideTogether(batch);
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                throw e;
            }
            log.warn("a batch of {} outbox records failed with {}; deciding them one by one", batch.size(),
                    Failures.nameOf(e));
            batch.forEach(this::decideAlone);
        }
    }

    private void decideTogether(List<RawOutboxRecord> records) {
        publisher.inTransaction(tx -> records.forEach(raw -> tx.write(handler.handle(raw))), consumed(records));
    }

    private void decideAlone(RawOutboxRecord raw) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS_ALONE; attempt++) {
            try {
                decideTogether(List.of(raw));
                return;
            } catch (RuntimeException e) {
                if (Failures.isTransient(e)) {
                    throw e;
                }
                last = e;
                log.warn("outcome of {}-{}@{} not written (attempt {} of {}): {}", raw.topic(), raw.partition(),
                        raw.offset(), attempt, ATTEMPTS_ALONE, Failures.nameOf(e));
            }
        }
        String errorClass = Failures.nameOf(last);
        log.error("parking {}-{}@{} on the dead-letter topic: its outcome could not be written ({})", raw.topic(),
                raw.partition(), raw.offset(), errorClass);
        publisher.inTransaction(tx -> tx.write(handler.unwritable(raw, errorClass)), consumed(List.of(raw)));
    }

    /** The position after the last record of each partition: where intake resumes once this is committed. */
    static Map<TopicPartition, OffsetAndMetadata> consumed(List<RawOutboxRecord> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (RawOutboxRecord r : records) {
            next.merge(r.readAt().partition(), new OffsetAndMetadata(r.readAt().offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return next;
    }
}
