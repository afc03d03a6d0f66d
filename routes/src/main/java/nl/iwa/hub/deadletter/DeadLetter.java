package nl.iwa.hub.deadletter;

/**
 * One record on the dead-letter topic, as an operator sees it: where it came from and why it was parked. No
 * payload: the bytes hold personal data. {@code replayedAs} names the outbox record that re-injected it, if any.
 */
public record DeadLetter(int partition, long offset, String sourceTopic, Integer sourcePartition, Long sourceOffset,
                         String reasonCode, String reason, String errorClass, boolean parkedByCoordinates,
                         String replayedAs) {

    public DeadLetter replayed(String as) {
        return new DeadLetter(partition, offset, sourceTopic, sourcePartition, sourceOffset, reasonCode, reason, errorClass,
                parkedByCoordinates, as);
    }
}
