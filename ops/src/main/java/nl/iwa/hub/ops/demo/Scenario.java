package nl.iwa.hub.ops.demo;

import static nl.iwa.hub.ops.demo.Partners.GP;
import static nl.iwa.hub.ops.demo.Partners.HOUSING;
import static nl.iwa.hub.ops.demo.Partners.SOCIAL_TEAM;
import static nl.iwa.hub.ops.demo.Partners.UNREGISTERED;
import static nl.iwa.hub.ops.demo.Partners.UWV;
import static nl.iwa.hub.ops.demo.Partners.WI_ENFORCEMENT;
import static nl.iwa.hub.ops.demo.Partners.WI_SUPPORT;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import nl.iwa.hub.contract.common.CaseFacts;
import nl.iwa.hub.contract.common.LifeDomain;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.common.Urgency;
import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.residents.SyntheticResidents;

/**
 * The cases the demo partners play, with how often each happens (weights add up to 100) and what the hub
 * must do with it: deliver, or block with a reason code. Most traffic is lawful; a small share is not, so that
 * the blocking shows.
 */
public enum Scenario {

    RENT_ARREARS(26, HOUSING, SOCIAL_TEAM, "EARLY_DEBT_SIGNALLING", Kind.SIGNAL, "RENT_ARREARS", List.of(), Flow.DELIVERED),
    /**
     * A household several partners get involved with: the housing signal, then a GP handoff to the social team under
     * a consent naming all three kinds, then the social team claims the coordination. Shows involvement notices and
     * a coordinator.
     */
    HOUSEHOLD_CIRCLE(4, HOUSING, SOCIAL_TEAM, "EARLY_DEBT_SIGNALLING", Kind.SIGNAL, "RENT_ARREARS", List.of(), Flow.DELIVERED),
    BENEFIT_ENDING(16, UWV, WI_SUPPORT, "INCOME_CONTINUITY", Kind.SIGNAL, "BENEFIT_ENDING", List.of(), Flow.DELIVERED),
    DROP_OUT(12, WI_SUPPORT, SOCIAL_TEAM, "SUPPORT_COORDINATION", Kind.SIGNAL, "TRAJECTORY_DROP_OUT",
            List.of("IDENTITY", "CONTACT", "PARTICIPATION"), Flow.DELIVERED),
    WORK_REINTEGRATION(12, SOCIAL_TEAM, UWV, "WORK_REINTEGRATION", Kind.HANDOFF, "WORK_REINTEGRATION",
            List.of("IDENTITY", "CONTACT", "INCOME", "PARTICIPATION", "FREE_TEXT"), Flow.DELIVERED),
    PSYCHOSOCIAL(10, GP, SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", Kind.HANDOFF, "PSYCHOSOCIAL_CONCERN",
            List.of("IDENTITY", "CONTACT", "WELLBEING"), Flow.DELIVERED),
    /** Delivered with consent; a few seconds later the resident withdraws it and the receiver is told to stop. */
    PSYCHOSOCIAL_THEN_WITHDRAWN(2, GP, SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", Kind.HANDOFF, "PSYCHOSOCIAL_CONCERN",
            List.of("IDENTITY", "CONTACT", "WELLBEING"), Flow.DELIVERED),
    /** The GP forgot to record consent. */
    PSYCHOSOCIAL_WITHOUT_CONSENT(4, GP, SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", Kind.HANDOFF, "PSYCHOSOCIAL_CONCERN",
            List.of(), "NO_CONSENT"),
    /** No protocol lets a housing corporation inform the enforcement unit. */
    HOUSING_TO_ENFORCEMENT(4, HOUSING, WI_ENFORCEMENT, "EARLY_DEBT_SIGNALLING", Kind.SIGNAL, "RENT_ARREARS", List.of(), "NO_POLICY"),
    /** Nothing from a social team may reach an enforcement function, whatever the purpose says. */
    SOCIAL_TEAM_TO_ENFORCEMENT(4, SOCIAL_TEAM, WI_ENFORCEMENT, "SUPPORT_COORDINATION", Kind.SIGNAL, "MULTI_PROBLEM_HOUSEHOLD",
            List.of(), "PURPOSE_SEPARATION"),
    /** A typing error in the BSN: it fails the 11-test. */
    INVALID_BSN(3, HOUSING, SOCIAL_TEAM, "EARLY_DEBT_SIGNALLING", Kind.SIGNAL, "RENT_ARREARS", List.of(), "INVALID_IDENTITY"),
    UNKNOWN_RECEIVER(2, UWV, UNREGISTERED, "INCOME_CONTINUITY", Kind.SIGNAL, "BENEFIT_ENDING", List.of(), "UNKNOWN_RECEIVER"),
    /** A misconfigured export writes a file instead of an Avro record to the outbox. */
    GARBAGE(1, HOUSING, "?", "-", Kind.GARBAGE, "GARBAGE_BYTES", List.of(), "UNDECODABLE");

    public enum Kind { SIGNAL, HANDOFF, GARBAGE }

    private final int weight;
    private final String sender;
    private final String receiver;
    private final String purpose;
    private final Kind kind;
    private final String code;
    private final List<String> consentCategories;
    private final String expected;

    Scenario(int weight, String sender, String receiver, String purpose, Kind kind, String code, List<String> consentCategories,
             String expected) {
        this.weight = weight;
        this.sender = sender;
        this.receiver = receiver;
        this.purpose = purpose;
        this.kind = kind;
        this.code = code;
        this.consentCategories = consentCategories;
        this.expected = expected;
    }

    public int weight() {
        return weight;
    }

    public String sender() {
        return sender;
    }

    public String receiver() {
        return receiver;
    }

    public String purpose() {
        return purpose;
    }

    public Kind kind() {
        return kind;
    }

    /** The signal type or handoff reason code: what the summary shows of the message. */
    public String code() {
        return code;
    }

    /** The data categories of the consent recorded first; empty when the flow needs none or the sender forgets it. */
    public List<String> consentCategories() {
        return consentCategories;
    }

    public boolean recordsConsent() {
        return !consentCategories.isEmpty();
    }

    /** {@link Flow#DELIVERED} or the reason code the hub must block it with. */
    public String expected() {
        return expected;
    }

    public Flow flow() {
        return new Flow(sender, receiver, code, expected);
    }

    /** The resident of a new case: one who never gives consent where the case must be blocked for the lack of one. */
    public Subject newResident() {
        return "NO_CONSENT".equals(expected) ? SyntheticResidents.neverConsenting() : SyntheticResidents.next();
    }

    /** What the sender writes about the resident: a signal or a handoff, with everything its system knows. */
    public Object body(Subject resident) {
        Urgency urgency = ThreadLocalRandom.current().nextInt(10) == 0 ? Urgency.THREATENING : Urgency.NORMAL;
        return kind == Kind.SIGNAL ? Bodies.signal(code, domain(), urgency, resident, facts())
                : Bodies.handoff(code, sender.equals(GP) ? "CONTACT_RESIDENT" : "TAKE_OVER", domain(), urgency, resident, facts());
    }

    /** The resident's consent for this flow, recorded by the sender before the flow ({@link #recordsConsent()}). */
    public ConsentChange consentGrant(String consentId, Subject resident) {
        return Bodies.grant(consentId, resident, purpose, receiver, consentCategories);
    }

    private LifeDomain domain() {
        return switch (code) {
            case "RENT_ARREARS" -> LifeDomain.HOUSING;
            case "BENEFIT_ENDING" -> LifeDomain.INCOME;
            case "TRAJECTORY_DROP_OUT", "WORK_REINTEGRATION" -> LifeDomain.WORK;
            default -> LifeDomain.SOCIAL;
        };
    }

    /** Everything the sender's system knows; each flow's policy decides what the receiver gets. */
    private CaseFacts facts() {
        return Bodies.variedFacts(sender.equals(GP));
    }
}
