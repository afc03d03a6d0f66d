package nl.iwa.hub.policy;

/** Handoff deadlines in working days; defaults from the design (receipt 1, accept/decline 3, first contact 5). */
public record Deadlines(int receiptWorkingDays, int acceptDeclineWorkingDays, int firstContactWorkingDays) {

    public static final Deadlines DEFAULT = new Deadlines(1, 3, 5);
}
