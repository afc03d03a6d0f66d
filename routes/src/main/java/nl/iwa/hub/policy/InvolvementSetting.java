package nl.iwa.hub.policy;

import java.time.Duration;
import java.util.Set;
import nl.iwa.hub.contract.common.LegalBasis;
import nl.iwa.hub.contract.common.PartnerKind;

/**
 * A policy's permission to make its flows' parties known as involved with the resident (a reference index):
 * on which basis and for which purpose notices are given, which kinds of partner may learn of the parties of
 * this flow, and how long a flow keeps its parties involved after it was delivered (an open handoff keeps them
 * involved for as long as it is open).
 */
public record InvolvementSetting(LegalBasis legalBasis, String citation, String purpose, Set<PartnerKind> revealTo,
                                 int windowDays) {

    public static final int DEFAULT_WINDOW_DAYS = 90;

    public Duration window() {
        return Duration.ofDays(windowDays);
    }

    public boolean mayReveal(PartnerKind to) {
        return revealTo.contains(to);
    }
}
