package nl.iwa.hub.transport;

import org.apache.kafka.common.TopicPartition;

/**
 * An outbox record before decoding: the outbox, partition and offset it was written to, its bytes, and
 * {@code owner}, the partner that owns that outbox. {@code readAt} is where the hub read it and commits past it:
 * the outbox itself, or the decide topic when the intake topology re-keyed it there first. {@code size} is the
 * length of the value the partner wrote: the intake topology passes on none of the bytes of a record larger than the
 * hub reads ({@link #tooLarge}), which its own producer could not write, only that size.
 */
public record RawOutboxRecord(String topic, int partition, long offset, byte[] value, String owner, ReadAt readAt, int size) {

    /** Read where {@code readAt} says, with all its bytes. */
    public RawOutboxRecord(String topic, int partition, long offset, byte[] value, String owner, ReadAt readAt) {
        this(topic, partition, offset, value, owner, readAt, lengthOf(value));
    }

    /**
     * A record of the decide topic, as the intake topology put it there: where it came from, and the size of a record
     * passed on without its bytes ({@code originalSize}, the hub's own header; null when the bytes are all there).
     */
    public static RawOutboxRecord rekeyed(String topic, String partition, String offset, byte[] value, String owner,
                                          ReadAt readAt, String originalSize) {
        return new RawOutboxRecord(topic, Integer.parseInt(partition), Long.parseLong(offset), value, owner, readAt,
                originalSize != null ? Integer.parseInt(originalSize) : lengthOf(value));
    }

    private static int lengthOf(byte[] value) {
        return value == null ? 0 : value.length;
    }

    /** Whether the partner wrote more than the hub reads ({@link AvroCodec#MAX_RECORD_BYTES}). */
    public boolean tooLarge() {
        return size > AvroCodec.MAX_RECORD_BYTES;
    }

    /** Read from its outbox. */
    public RawOutboxRecord(String topic, int partition, long offset, byte[] value, String owner) {
        this(topic, partition, offset, value, owner, new ReadAt(new TopicPartition(topic, partition), offset));
    }

    public record ReadAt(TopicPartition partition, long offset) {
    }
}
