package nl.iwa.hub.transport;

import org.apache.kafka.common.TopicPartition;

/**
 * An outbox record before decoding: the outbox, partition and offset it was written to, its bytes, and
 * {@code owner}, the partner that owns that outbox. {@code readAt} is where the hub read it and commits past it:
 * the outbox itself, or the decide topic when the intake topology re-keyed it there first.
 */
public record RawOutboxRecord(String topic, int partition, long offset, byte[] value, String owner, ReadAt readAt) {

    /** Read from its outbox. */
    public RawOutboxRecord(String topic, int partition, long offset, byte[] value, String owner) {
        this(topic, partition, offset, value, owner, new ReadAt(new TopicPartition(topic, partition), offset));
    }

    public record ReadAt(TopicPartition partition, long offset) {
    }
}
