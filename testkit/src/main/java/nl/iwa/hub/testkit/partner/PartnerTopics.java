package nl.iwa.hub.testkit.partner;

/** The names of a partner's two topics under a hub's topic prefix (DESIGN.md, the Kafka contract). */
public final class PartnerTopics {

    /** The prefix of a hub started without one of its own. */
    public static final String DEFAULT_PREFIX = "iwa";

    private PartnerTopics() {
    }

    /** What the partner writes and the hub reads. */
    public static String outbox(String prefix, String partnerId) {
        return prefix + "." + partnerId + ".outbox";
    }

    /** What the hub writes and the partner reads. */
    public static String inbox(String prefix, String partnerId) {
        return prefix + "." + partnerId + ".inbox";
    }
}
