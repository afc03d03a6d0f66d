package nl.iwa.hub.connectors;

/**
 * A partner as the connectors see it: who it is, where its outbox and inbox are, and how it connects.
 *
 * @param kind               the partner kind (SOCIAL_TEAM, GP_PRACTICE, ...), as in the contract
 * @param inboxConsumerGroup the group the hub reads the inbox with on the partner's behalf (WEBHOOK, PULL): its
 *                           commits are what the hub observes as DELIVERED
 */
public record ConnectorPartner(String id, String kind, String outboxTopic, String inboxTopic, String inboxConsumerGroup,
                               ConnectorSettings settings) {

    public boolean sendsByRest() {
        return settings != null && settings.rest() != null;
    }

    public boolean receivesBy(ConnectorSettings.Delivery delivery) {
        return settings != null && settings.inbox() != null && settings.inbox().delivery() == delivery;
    }

    public boolean dropsFiles() {
        return settings != null && settings.files() != null;
    }
}
