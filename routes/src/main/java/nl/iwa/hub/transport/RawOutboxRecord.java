package nl.iwa.hub.transport;

/** An outbox record as read from Kafka, before decoding; {@code owner} is the partner that owns the topic. */
public record RawOutboxRecord(String topic, int partition, long offset, byte[] value, String owner) {
}
