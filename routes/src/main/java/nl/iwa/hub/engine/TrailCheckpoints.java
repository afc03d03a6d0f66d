package nl.iwa.hub.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import nl.iwa.hub.audit.AuditSeal;
import nl.iwa.hub.audit.AuditTrail;
import nl.iwa.hub.audit.TrailHeads;

/**
 * The numbered checkpoints of a trail whose chains are sealed by their own tasks. A checkpoint commits to every
 * chain's head at once (their Merkle root), which no single task knows: the task of partition 0 reads the latest
 * head seal of every chain from the seal topic (each committed with its records, so each names a record that is
 * there), signs a checkpoint over them that names the checkpoint before it, and writes it in its own transaction.
 * Only that task writes checkpoints, so their numbers have one writer, fenced like its chain.
 *
 * <p>When an operator accepted the problems of a trail that did not verify ({@link ChainSealing#acceptedProblems}), the
 * next checkpoint is an {@code ACCEPTED} one that names them, written even if no chain moved, unless the seal topic
 * holds one naming them already. The hub writes that one at start, before any task runs ({@link AcceptanceCheckpoint}).
 */
final class TrailCheckpoints {

    private final ChainSealing sealing;
    private final int chains;
    private final Supplier<List<AuditSeal>> sealTopic;
    /** The last one this task wrote: its transaction may not have committed yet when the seal topic is read again. */
    private AuditSeal lastWritten;

    /**
     * @param chains    the audit topic's partitions
     * @param sealTopic the seal topic's seals in order, as committed now
     */
    TrailCheckpoints(ChainSealing sealing, int chains, Supplier<List<AuditSeal>> sealTopic) {
        this.sealing = sealing;
        this.chains = chains;
        this.sealTopic = sealTopic;
    }

    /** The next checkpoint, or empty when no chain moved since the last one (and no acceptance is to be sealed). */
    Optional<AuditSeal> next(Instant now) {
        AuditSeal head = null;
        AuditSeal last = lastWritten;
        String acceptance = sealing.acceptedProblems();
        boolean acceptanceSealed = acceptance == null || names(lastWritten, acceptance);
        Map<Long, AuditTrail.Head> chainHeads = new HashMap<>();
        for (AuditSeal seal : sealTopic.get()) {
            switch (seal.kind()) {
                case HEAD -> head = seal;
                case CHAIN_HEAD -> chainHeads.put(seal.sequence(), seal.chainHead());
                default -> {
                    last = last == null || seal.sequence() > last.sequence() ? seal : last;
                    acceptanceSealed |= names(seal, acceptance);
                }
            }
        }
        List<AuditTrail.Head> heads = new ArrayList<>();
        for (int p = 0; p < chains; p++) {
            // a chain the tasks have not written since the classic engine stood where its last all-chains head put it;
            // a head never goes back: an accepted chain may be longer than its task's last seal until the task writes
            AuditTrail.Head own = chainHeads.get((long) p);
            AuditTrail.Head longest = own == null ? AuditTrail.Head.EMPTY : own;
            longest = longer(longest, head == null ? null : head.heads(), p);
            longest = longer(longest, last == null ? null : last.heads(), p);
            longest = longer(longest, sealing.accepted() == null ? null : sealing.accepted().heads(), p);
            heads.add(longest);
        }
        TrailHeads all = new TrailHeads(heads);
        if (acceptanceSealed && last != null && last.heads().equals(all)) {
            return Optional.empty();
        }
        AuditSeal checkpoint = new AuditSeal(acceptanceSealed ? AuditSeal.Kind.CHECKPOINT : AuditSeal.Kind.ACCEPTED,
                sealing.trailTopic(), last == null ? 1 : last.sequence() + 1, all, last == null ? AuditSeal.NONE : last.digest(), now,
                sealing.key().keyId(), acceptanceSealed ? null : acceptance, null).signedWith(sealing.key());
        lastWritten = checkpoint;
        return Optional.of(checkpoint);
    }

    private static AuditTrail.Head longer(AuditTrail.Head head, TrailHeads other, int chain) {
        return other != null && chain < other.partitions() && other.chain(chain).length() > head.length() ? other.chain(chain) : head;
    }

    private static boolean names(AuditSeal seal, String acceptance) {
        return seal != null && acceptance != null && seal.kind() == AuditSeal.Kind.ACCEPTED && acceptance.equals(seal.accepted());
    }
}
