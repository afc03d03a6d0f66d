package nl.iwa.hub.access;

/** The operations the hub's ACLs allow (a subset of Kafka's AclOperation: nothing cluster-wide, no ALL). */
public enum AclOperation {
    READ("Read"),
    WRITE("Write"),
    DESCRIBE("Describe"),
    CREATE("Create"),
    DESCRIBE_CONFIGS("DescribeConfigs"),
    /** Only for a Streams application's own internal topics (purging consumed repartition records). */
    DELETE("Delete");

    private final String displayName;

    AclOperation(String displayName) {
        this.displayName = displayName;
    }

    /** As kafka-acls and Strimzi spell it. */
    public String displayName() {
        return displayName;
    }
}
