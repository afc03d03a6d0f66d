package nl.iwa.hub.consent;

/**
 * The consents as the outcome writer keeps them: what the decisions read, and the changes a decision writes.
 * The decide topology keeps them in its task's store ({@code StoredConsents}), where a write is part of the task's
 * transaction at once.
 */
public interface ConsentState extends ConsentLookup {

    /** A change decided in the open transaction: seen by the lookups from now on. */
    void stage(Consent consent);

    /** The change's transaction committed. */
    void put(Consent consent);

    /** The consent left the working state (its retention is over). */
    void remove(String consentId);
}
