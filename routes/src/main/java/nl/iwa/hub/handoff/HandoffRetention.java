package nl.iwa.hub.handoff;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.policy.FlowPolicy;
import nl.iwa.hub.policy.PolicyBook;

/**
 * How long a settled handoff stays in the hub's working state: its policy's {@code retentionDays} after it settled
 * (completed, declined, cancelled or failed). Then it leaves the compacted handoff topic and the hub's memory; its
 * history stays in the audit trail. An open handoff never leaves: it still has deadlines to keep.
 *
 * <p>A handoff whose policy is no longer in the reviewed file is kept as long as the longest retention of those
 * that are: removing a policy must not shorten what was promised under it.
 */
public final class HandoffRetention {

    private final PolicyBook policies;
    private final int longestDays;

    public HandoffRetention(PolicyBook policies) {
        this.policies = policies;
        this.longestDays = policies.all().stream().mapToInt(FlowPolicy::retentionDays).max().orElse(365);
    }

    /** When the handoff leaves the working state; empty while it is open. */
    public Optional<Instant> leavesAt(HandoffRecord handoff) {
        if (!HandoffTransitions.isTerminal(handoff.getStatus()) || handoff.getStatusSince() == null) {
            return Optional.empty();
        }
        int days = policies.byId(handoff.getPolicyId()).map(FlowPolicy::retentionDays).orElse(longestDays);
        return Optional.of(handoff.getStatusSince().plus(Duration.ofDays(days)));
    }

    public boolean expired(HandoffRecord handoff, Instant now) {
        return leavesAt(handoff).filter(at -> !now.isBefore(at)).isPresent();
    }
}
