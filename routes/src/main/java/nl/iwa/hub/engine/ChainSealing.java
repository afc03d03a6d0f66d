package nl.iwa.hub.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import nl.iwa.hub.audit.AuditSeal;
import nl.iwa.hub.audit.AuditSigningKey;
import nl.iwa.hub.audit.TrailHeads;

/**
 * How the decide tasks seal the trail. After each decision that added audit records, a task writes the signed head of
 * its partition's chain in the same transaction, on the compacted seal topic under {@code head-<partition>}, so a chain
 * never ends in records nobody vouched for. Every {@code checkpointInterval} the task of partition 0 writes a numbered
 * checkpoint over all chains' heads ({@link TrailCheckpoints}). The key is the hub's audit key, which broker
 * administrators do not hold.
 *
 * @param committedSeals   the seal topic's seals as committed now, in order
 * @param chains           the audit topic's partitions
 * @param accepted         a trail that did not verify and that an operator accepted at this start
 *                         ({@code IWA_AUDIT_ACCEPT_BROKEN_TRAIL_HEAD}); null when there is none
 */
public record ChainSealing(AuditSigningKey key, String trailTopic, String sealTopic, Clock clock, Duration checkpointInterval,
                           Supplier<List<AuditSeal>> committedSeals, int chains, Acceptance accepted) {

    /**
     * An operator's acceptance of a trail that did not verify.
     *
     * @param problems the problems, as an {@code ACCEPTED} checkpoint names them
     * @param heads    the chains' heads as the trail stood when it was verified, records nobody vouched for included:
     *                 the {@code ACCEPTED} checkpoint vouches for them, and each chain goes on from its head
     */
    public record Acceptance(String problems, TrailHeads heads) {
    }

    /** The problems accepted at this start; null when none. */
    public String acceptedProblems() {
        return accepted == null ? null : accepted.problems();
    }
}
