package nl.iwa.hub.partners;

/** What a partner (unit) does with what it receives; drives purpose separation. */
public enum PartnerFunction {
    SUPPORT,
    ENFORCEMENT
}
