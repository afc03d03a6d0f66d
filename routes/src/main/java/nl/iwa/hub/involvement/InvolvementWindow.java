package nl.iwa.hub.involvement;

import java.time.Duration;
import java.time.Instant;
import nl.iwa.hub.policy.FlowPolicy;
import nl.iwa.hub.policy.InvolvementSetting;
import nl.iwa.hub.policy.PolicyBook;

/**
 * How long a delivered flow keeps its parties involved: its policy's {@code windowDays} (the default for a policy
 * without an involvement setting, or one no longer configured). An open handoff keeps them longer; that is the
 * ledger's to say.
 */
public final class InvolvementWindow {

    private final PolicyBook policies;

    public InvolvementWindow(PolicyBook policies) {
        this.policies = policies;
    }

    /** Whether {@code flow}'s window is still open at {@code now}. */
    public boolean open(InvolvingFlow flow, Instant now) {
        int days = policies.byId(flow.policyId()).map(FlowPolicy::involvement).map(InvolvementSetting::windowDays)
                .orElse(InvolvementSetting.DEFAULT_WINDOW_DAYS);
        return now.isBefore(flow.at().plus(Duration.ofDays(days)));
    }

    /**
     * Whether the hub can forget {@code flow}: its window has passed and, for a handoff, the handoff is no longer
     * open. Such a flow makes nobody involved again, so keeping it only costs memory.
     */
    public boolean forgettable(InvolvingFlow flow, Instant now, InvolvementLedger ledger) {
        return !open(flow, now) && !(flow.handoff() && ledger.handoffOpen(flow));
    }
}
