package nl.iwa.hub.access;

import nl.iwa.hub.partners.KafkaIdentity;

/**
 * The hub as a broker client: its principal, how it authenticates, the consumer group of its intake and the
 * prefix of its transactional ids (every running hub's id starts with it, the dead-letter replay's too).
 */
public record HubAccount(String principal, KafkaIdentity identity, String groupId, String transactionalIdPrefix) {
}
