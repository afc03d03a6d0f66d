package nl.iwa.hub.engine;

/**
 * A record the decide task forwards, already encoded: the topic it goes to (the sink writes many: inboxes, state,
 * audit, dead letters) and, for an audit record, the partition of the task's own chain.
 *
 * @param partition null: the producer's partitioner decides by key, as for every other writer of that topic
 */
record Routed(String topic, Integer partition, byte[] value) {
}
