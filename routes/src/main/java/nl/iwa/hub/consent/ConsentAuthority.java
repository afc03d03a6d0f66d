package nl.iwa.hub.consent;

import java.util.Collection;
import java.util.Optional;
import nl.iwa.hub.contract.common.LegalBasis;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.policy.PolicyBook;

/**
 * Who may record or withdraw a resident's consent. A consent unblocks flows, so it may be recorded only by a
 * partner that is itself the sender of a consent-based flow for every purpose it names: the professional who
 * asks the resident is the one who will send (the GP for a psychosocial handoff, the social team for work
 * reintegration). Anyone else (a housing corporation recording a consent for the GP's flow, or someone writing
 * in a partner's outbox) is refused, and so is a grant without an {@code evidenceReference} to the signed
 * form or record it rests on. A withdrawal blocks rather than unblocks, but stopping another partner's work is
 * not for just anyone either: the partner that recorded the consent, or one that may record it, may withdraw it.
 */
public final class ConsentAuthority {

    private final PolicyBook policies;

    public ConsentAuthority(PolicyBook policies) {
        this.policies = policies;
    }

    /** Why {@code recorder} may not grant a consent for these purposes; empty when it may. */
    public Optional<String> refuseGrant(Partner recorder, Collection<String> purposes, String evidenceReference) {
        if (purposes.isEmpty()) {
            return Optional.of("a consent must name the purposes it covers");
        }
        for (String purpose : purposes) {
            if (!sendsConsentBasedFlows(recorder, purpose)) {
                return Optional.of("only a partner that sends consent-based flows for purpose " + purpose
                        + " may record consent for it");
            }
        }
        if (evidenceReference == null || evidenceReference.isBlank()) {
            return Optional.of("a consent needs an evidenceReference to the signed form or record at the recording partner");
        }
        return Optional.empty();
    }

    /** Why {@code recorder} may not withdraw {@code existing} (absent: a consent the hub never recorded); empty when it may. */
    public Optional<String> refuseWithdrawal(Partner recorder, Optional<Consent> existing) {
        if (existing.isEmpty() || existing.get().recordedByPartnerId().equals(recorder.id())
                || existing.get().purposes().stream().anyMatch(p -> sendsConsentBasedFlows(recorder, p))) {
            return Optional.empty();
        }
        return Optional.of("only the partner that recorded a consent, or one that may record it, may withdraw it");
    }

    private boolean sendsConsentBasedFlows(Partner recorder, String purpose) {
        return policies.all().stream().anyMatch(p -> p.legalBasis() == LegalBasis.CONSENT
                && p.purpose().equals(purpose) && p.from().matches(recorder));
    }
}
