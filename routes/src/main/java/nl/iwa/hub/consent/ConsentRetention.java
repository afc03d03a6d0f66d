package nl.iwa.hub.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import nl.iwa.hub.contract.common.LegalBasis;
import nl.iwa.hub.policy.FlowPolicy;
import nl.iwa.hub.policy.PolicyBook;

/**
 * How long an ended consent (withdrawn, or past its validity) stays in the hub's working state: as long as the data
 * shared under it may be kept, i.e. the longest {@code retentionDays} of the consent-based policies for its purposes
 * (of all policies, if none names them), counted from its end. A consent in force, or not yet in force, never
 * leaves. Who recorded it and when it was withdrawn stay in the audit trail.
 */
public final class ConsentRetention {

    private final PolicyBook policies;
    private final int longestDays;

    public ConsentRetention(PolicyBook policies) {
        this.policies = policies;
        this.longestDays = policies.all().stream().mapToInt(FlowPolicy::retentionDays).max().orElse(365);
    }

    /** When the consent leaves the working state; empty while it has not ended. */
    public Optional<Instant> leavesAt(Consent consent) {
        Instant ended = consent.withdrawnAt() != null ? consent.withdrawnAt() : consent.validUntil();
        if (ended == null) {
            return Optional.empty();
        }
        int days = policies.all().stream()
                .filter(p -> p.legalBasis() == LegalBasis.CONSENT && consent.purposes().contains(p.purpose()))
                .mapToInt(FlowPolicy::retentionDays).max().orElse(longestDays);
        return Optional.of(ended.plus(Duration.ofDays(days)));
    }

    public boolean expired(Consent consent, Instant now) {
        return leavesAt(consent).filter(at -> !now.isBefore(at)).isPresent();
    }
}
