package nl.iwa.hub.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The classic engine's sealer (the engine was removed in issue #14), kept to write trails as it wrote them: the
 * verifier must go on reading and verifying them, its all-chains {@link AuditSeal.Kind#HEAD} seals included.
 *
 * <p>Decides which seals a transaction writes beside its audit records: always a signed head when a chain grew,
 * and a numbered checkpoint when {@code everyRecords} records or {@code interval} passed since the last one
 * (the first transaction writes checkpoint 1). The seals are written in the same transaction as the records
 * they vouch for, so a head is never ahead of or behind the trail. Like the trail, the sealer follows only
 * what was committed: {@link #committed()} and {@link #discard()} end each transaction.
 */
public final class AuditSealer {

    private final AuditSigningKey key;
    private final String trailTopic;
    private final String sealTopic;
    private final long everyRecords;
    private final Duration interval;
    private AuditSeal lastCheckpoint;
    private AuditSeal pendingCheckpoint;
    private String acceptance;

    /**
     * @param lastCheckpoint the latest valid checkpoint found at start-up, null when none was written yet
     */
    public AuditSealer(AuditSigningKey key, String trailTopic, String sealTopic, long everyRecords, Duration interval,
                       AuditSeal lastCheckpoint) {
        if (everyRecords < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("checkpoints need a positive record count and interval");
        }
        this.key = key;
        this.trailTopic = trailTopic;
        this.sealTopic = sealTopic;
        this.everyRecords = everyRecords;
        this.interval = interval;
        this.lastCheckpoint = lastCheckpoint;
    }

    public String sealTopic() {
        return sealTopic;
    }

    /** The next transaction writes an {@link AuditSeal.Kind#ACCEPTED} checkpoint naming the problem continued after. */
    public synchronized void acceptOnNextSeal(String problem) {
        this.acceptance = problem;
    }

    /**
     * The seals for a transaction that brought the trail from {@code before} to {@code after}: none when it added
     * no audit record (and no acceptance is due).
     */
    public synchronized List<AuditSeal> sealsFor(TrailHeads before, TrailHeads after, Instant now) {
        if (after.equals(before) && acceptance == null) {
            return List.of();
        }
        List<AuditSeal> seals = new ArrayList<>();
        AuditSeal checkpoint = lastCheckpoint;
        if (acceptance != null || lastCheckpoint == null || after.total() - lastCheckpoint.records() >= everyRecords
                || !now.isBefore(lastCheckpoint.sealedAt().plus(interval))) {
            checkpoint = new AuditSeal(acceptance != null ? AuditSeal.Kind.ACCEPTED : AuditSeal.Kind.CHECKPOINT, trailTopic,
                    lastCheckpoint == null ? 1 : lastCheckpoint.sequence() + 1, after,
                    lastCheckpoint == null ? AuditSeal.NONE : lastCheckpoint.digest(), now, key.keyId(), acceptance, null)
                    .signedWith(key);
            pendingCheckpoint = checkpoint;
            seals.add(checkpoint);
        }
        seals.add(new AuditSeal(AuditSeal.Kind.HEAD, trailTopic, checkpoint.sequence(), after, checkpoint.digest(), now, key.keyId(), null, null).signedWith(key));
        return seals;
    }

    /** The transaction committed: its checkpoint is the one the next names. */
    public synchronized void committed() {
        if (pendingCheckpoint != null) {
            lastCheckpoint = pendingCheckpoint;
            if (pendingCheckpoint.kind() == AuditSeal.Kind.ACCEPTED) {
                acceptance = null;
            }
        }
        pendingCheckpoint = null;
    }

    /** The transaction was aborted: its seals never happened. */
    public synchronized void discard() {
        pendingCheckpoint = null;
    }
}
