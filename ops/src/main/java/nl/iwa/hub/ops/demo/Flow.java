package nl.iwa.hub.ops.demo;

/**
 * One message a demo partner sent, as the summary shows it: who to whom, which signal or handoff code, and
 * what the hub should do with it. Codes and partner ids only, never anything about the resident.
 */
public record Flow(String from, String to, String code, String expected) {

    public static final String DELIVERED = "DELIVERED";

    /** A message whose fate is not predicted, such as a handoff status update. */
    public static Flow unpredicted(String from, String to, String code) {
        return new Flow(from, to, code, null);
    }

    public boolean expectsDelivery() {
        return DELIVERED.equals(expected);
    }
}
