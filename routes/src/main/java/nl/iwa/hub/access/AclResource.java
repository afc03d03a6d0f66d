package nl.iwa.hub.access;

/** The kinds of broker resources the hub's ACLs name (Kafka's ResourceType, Strimzi's resource.type). */
public enum AclResource {
    TOPIC("topic", "--topic"),
    GROUP("group", "--group"),
    TRANSACTIONAL_ID("transactionalId", "--transactional-id");

    private final String strimziName;
    private final String cliOption;

    AclResource(String strimziName, String cliOption) {
        this.strimziName = strimziName;
        this.cliOption = cliOption;
    }

    public String strimziName() {
        return strimziName;
    }

    public String cliOption() {
        return cliOption;
    }
}
