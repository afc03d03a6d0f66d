package nl.iwa.hub.partners;

import java.util.List;
import java.util.Set;
import nl.iwa.hub.contract.common.PartnerKind;

/**
 * An organisation (or a separately registered unit of one) connected to the hub. {@code inboxConsumerGroup}
 * is the consumer group the partner reads its inbox with; where known, the hub observes delivery through it.
 * {@code kafka} says how the broker authenticates it (its principal is always the partner id); {@code connectors}
 * (null for most) how it uses REST, webhooks, pull or files instead of or beside Kafka.
 */
public record Partner(
        String id,
        PartnerKind kind,
        String displayName,
        List<String> municipalities,
        Set<PartnerFunction> functions,
        String escalationContact,
        boolean coordinator,
        String inboxConsumerGroup,
        KafkaIdentity kafka,
        nl.iwa.hub.connectors.ConnectorSettings connectors) {

    /** The hub's own id where a partner id is expected (origin of its own messages); reserved for no partner. */
    public static final String HUB = "hub";

    /** A partner without connectors: it uses Kafka only. */
    public Partner(String id, PartnerKind kind, String displayName, List<String> municipalities, Set<PartnerFunction> functions,
                   String escalationContact, boolean coordinator, String inboxConsumerGroup, KafkaIdentity kafka) {
        this(id, kind, displayName, municipalities, functions, escalationContact, coordinator, inboxConsumerGroup, kafka, null);
    }

    public boolean hasFunction(PartnerFunction function) {
        return functions.contains(function);
    }

    /** Flows from social teams and GP practices carry confidential support data: never for enforcement. */
    public boolean isConfidentialSource() {
        return kind == PartnerKind.SOCIAL_TEAM || kind == PartnerKind.GP_PRACTICE;
    }
}
