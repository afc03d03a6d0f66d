package nl.iwa.hub.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import nl.iwa.hub.consent.Consent;
import nl.iwa.hub.consent.ConsentAuthority;
import nl.iwa.hub.consent.ConsentLookup;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.outbox.ConsentAction;
import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.identity.Pseudonymiser;
import nl.iwa.hub.involvement.InvolvementNotices;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.policy.DataCategory;
import nl.iwa.hub.policy.PolicyBook;

/**
 * A consent granted or withdrawn through a partner's outbox: who may record it, the consent's new state, and,
 * for a withdrawal, every partner that received data under it.
 */
final class ConsentChanges {

    private final PartnerDirectory partners;
    private final ConsentLookup consents;
    private final ConsentAuthority authority;
    private final Pseudonymiser pseudonymiser;
    private final PastDeliveries pastDeliveries;
    private final InvolvementNotices involvement;

    ConsentChanges(PartnerDirectory partners, PolicyBook policies, ConsentLookup consents, Pseudonymiser pseudonymiser,
                   PastDeliveries pastDeliveries, InvolvementNotices involvement) {
        this.partners = partners;
        this.consents = consents;
        this.authority = new ConsentAuthority(policies);
        this.pseudonymiser = pseudonymiser;
        this.pastDeliveries = pastDeliveries;
        this.involvement = involvement;
    }

    Outcome decide(OutboxMessage m, ConsentChange c, String owner, Instant now) {
        String pseudonym = pseudonymiser.pseudonymOf(c.getSubject()).orElseThrow();
        Optional<Consent> existing = consents.get(c.getConsentId());
        if (existing.isPresent() && !existing.get().subjectPseudonym().equals(pseudonym)) {
            return new Outcome.DeadLettered(m, new Violation(ReasonCode.SCHEMA_INVALID,
                    "consentId is already used for another resident"), OutboxDecisions.VALIDATION_FAILED, true);
        }
        Partner recorder = partners.find(owner).orElseThrow();
        boolean granted = c.getAction() == ConsentAction.GRANTED;
        Optional<String> refusal = granted
                ? authority.refuseGrant(recorder, c.getPurposes(), c.getEvidenceReference())
                : authority.refuseWithdrawal(recorder, existing);
        if (refusal.isPresent()) {
            return new Outcome.Rejected(m, new Violation(ReasonCode.NOT_AUTHORISED, refusal.get()), pseudonym);
        }
        if (granted) {
            return new Outcome.ConsentRecorded(m, c, granted(c, owner, pseudonym), pseudonym, false, Map.of(), List.of());
        }
        Consent withdrawn = withdrawn(c, existing, owner, pseudonym, now);
        return new Outcome.ConsentRecorded(m, c, withdrawn, pseudonym, true, byReceiver(withdrawn.consentId()),
                involvement.onWithdrawn(pseudonym, withdrawn.consentId(), now));
    }

    private static Consent granted(ConsentChange c, String owner, String pseudonym) {
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        c.getDataCategories().forEach(name -> categories.add(DataCategory.valueOf(name)));
        return new Consent(c.getConsentId(), owner, pseudonym, Set.copyOf(c.getPurposes()),
                Set.copyOf(c.getRecipientPartnerIds()), Set.copyOf(c.getRecipientKinds()), Set.copyOf(categories),
                c.getValidFrom(), c.getValidUntil(), null);
    }

    /** The known consent, withdrawn now; a withdrawal of a consent the hub never saw is recorded as one too. */
    private static Consent withdrawn(ConsentChange c, Optional<Consent> existing, String owner, String pseudonym, Instant now) {
        return existing
                .map(e -> new Consent(e.consentId(), e.recordedByPartnerId(), e.subjectPseudonym(), e.purposes(),
                        e.recipientPartnerIds(), e.recipientKinds(), e.dataCategories(), e.validFrom(), e.validUntil(), now))
                .orElse(new Consent(c.getConsentId(), owner, pseudonym, Set.of(), Set.of(), Set.of(), Set.of(),
                        c.getValidFrom(), null, now));
    }

    /** Every partner that received data under the consent hears of its withdrawal, found through the audit. */
    private Map<String, List<PastDeliveries.Delivery>> byReceiver(String consentId) {
        Map<String, List<PastDeliveries.Delivery>> byReceiver = new TreeMap<>();
        for (PastDeliveries.Delivery d : pastDeliveries.under(consentId)) {
            byReceiver.computeIfAbsent(d.receiverPartnerId(), k -> new ArrayList<>()).add(d);
        }
        return byReceiver;
    }
}
