package nl.iwa.hub.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.iwa.hub.contract.audit.AuditRecord;

/**
 * Checks one chain of the audit trail (one partition of the audit topic) against what the signed seals say of
 * it, reading its records once in order: a changed record (its hash), a removed, inserted or reordered one (a
 * broken link, or a checkpoint's head at the wrong place), records appended by someone else (after the last
 * signed head), a rewritten chain (the signed head is not in it) and a removed start. The seals' signatures and
 * numbering are checked once for the whole trail, by {@link TrailVerifier}.
 */
final class ChainVerifier {

    static final long BEFORE_ALL = -1;
    static final long AT_THE_END = Long.MAX_VALUE;

    /** What one seal says of this chain. */
    record ChainSeal(long sequence, long length, String hash, Instant sealedAt) {

        static ChainSeal of(AuditSeal seal, int partition) {
            AuditTrail.Head head = partition < seal.heads().partitions() ? seal.heads().chain(partition) : AuditTrail.Head.EMPTY;
            return new ChainSeal(seal.sequence(), head.length(), head.hash(), seal.sealedAt());
        }
    }

    /** A problem at a place in this chain. */
    record Problem(long position, String auditId, String text) {
    }

    private final String label;
    private final long retentionMs;
    private final Instant now;
    private final TreeMap<Long, ChainSeal> checkpoints = new TreeMap<>();
    private final Map<String, List<ChainSeal>> checkpointsByHead = new HashMap<>();
    private final Map<Long, Long> checkpointSeenAt = new HashMap<>();
    private ChainSeal head;
    private final List<Problem> problems = new ArrayList<>();
    private long headSeenAt = -1;
    /** The chain's own head seals (decide topology), each with where its record was seen in the chain (-1: not). */
    private final List<OwnHead> ownHeads;
    private final long[] ownSeenAt;
    private final Map<String, List<Integer>> ownByHash = new HashMap<>();
    private boolean ownResolved;
    private boolean latestCommittedOwnHeadMissing;

    /**
     * A head seal the chain's own task wrote (decide topology). Its writer runs beside the verification, so a seal may
     * name a record committed after the trail was read: {@code committedBeforeRead} says it was on the seal topic
     * before the trail's end was taken, so its record must be in the chain read.
     */
    record OwnHead(ChainSeal seal, boolean committedBeforeRead) {
    }
    private long records;
    private boolean startsAtGenesis;
    private String expectedPrevious;
    private String lastHash = AuditTrail.GENESIS;

    /**
     * @param label       how problems name this chain ("" when the trail has only one)
     * @param checkpoints what the valid checkpoints say of this chain
     * @param head        what the signed head says of it, null when there is none
     */
    ChainVerifier(String label, List<ChainSeal> checkpoints, ChainSeal head, long retentionMs, Instant now) {
        this(label, checkpoints, head, List.of(), retentionMs, now);
    }

    /**
     * @param ownHeads the chain's own head seals in the seal topic's order; when there are any, the further along of
     *                 them seen in the chain vouches for its end instead of {@code head}
     */
    ChainVerifier(String label, List<ChainSeal> checkpoints, ChainSeal head, List<OwnHead> ownHeads, long retentionMs, Instant now) {
        this.label = label;
        this.head = head;
        this.ownHeads = List.copyOf(ownHeads);
        this.ownSeenAt = new long[ownHeads.size()];
        java.util.Arrays.fill(ownSeenAt, -1);
        for (int i = 0; i < ownHeads.size(); i++) {
            ownByHash.computeIfAbsent(ownHeads.get(i).seal().hash(), h -> new ArrayList<>()).add(i);
        }
        this.retentionMs = retentionMs;
        this.now = now;
        for (ChainSeal cp : checkpoints) {
            this.checkpoints.put(cp.sequence(), cp);
            checkpointsByHead.computeIfAbsent(cp.hash(), h -> new ArrayList<>()).add(cp);
        }
    }

    void accept(AuditRecord record) {
        long index = records++;
        if (index == 0) {
            startsAtGenesis = AuditTrail.GENESIS.equals(record.getPreviousHash());
        } else if (!expectedPrevious.equals(record.getPreviousHash())) {
            problem(index, record.getAuditId(), "record " + index
                    + " does not link to the record before it: a record was removed, inserted or reordered");
        }
        if (!AuditTrail.hashOf(record).equals(record.getHash())) {
            problem(index, record.getAuditId(), "record " + index
                    + " does not hash to its recorded hash: it was changed after it was written");
        }
        for (ChainSeal cp : checkpointsByHead.getOrDefault(record.getHash(), List.of())) {
            checkpointSeenAt.put(cp.sequence(), index);
        }
        if (head != null && head.hash().equals(record.getHash())) {
            headSeenAt = index;
        }
        for (int i : ownByHash.getOrDefault(record.getHash(), List.of())) {
            ownSeenAt[i] = index;
        }
        expectedPrevious = record.getHash();
        lastHash = record.getHash();
    }

    long records() {
        return records;
    }

    boolean startsAtGenesis() {
        return records == 0 || startsAtGenesis;
    }

    /**
     * With own head seals, the one that vouches for the chain's end is the one naming the furthest record seen (later
     * ones name records written after the read); the latest committed before the read must be among those seen.
     */
    private void resolveOwnHead() {
        if (ownResolved || ownHeads.isEmpty()) {
            return;
        }
        ownResolved = true;
        int chosen = -1;
        int latestBefore = -1;
        for (int i = 0; i < ownHeads.size(); i++) {
            if (ownHeads.get(i).committedBeforeRead()) {
                latestBefore = i;
            }
            if (ownSeenAt[i] >= 0 && (chosen < 0 || ownSeenAt[i] >= ownSeenAt[chosen])) {
                chosen = i;
            }
        }
        latestCommittedOwnHeadMissing = latestBefore >= 0 && ownSeenAt[latestBefore] < 0;
        int vouching = chosen >= 0 && !latestCommittedOwnHeadMissing ? chosen : latestBefore >= 0 ? latestBefore : ownHeads.size() - 1;
        head = ownHeads.get(vouching).seal();
        headSeenAt = ownSeenAt[vouching];
    }

    /** No record and no seal: a chain nobody wrote yet (with the decide topology, a partition no resident hashed to). */
    boolean untouched() {
        return records == 0 && head == null && ownHeads.isEmpty();
    }

    boolean headSealed() {
        resolveOwnHead();
        return head != null && (records == 0 || headSeenAt == records - 1);
    }

    /** The number of records before the first one present (known from a seal found in the chain), or -1. */
    long base() {
        resolveOwnHead();
        if (records == 0 || startsAtGenesis) {
            return 0;
        }
        for (Map.Entry<Long, Long> seen : checkpointSeenAt.entrySet()) {
            return checkpoints.get(seen.getKey()).length() - (seen.getValue() + 1);
        }
        return headSeenAt >= 0 ? head.length() - (headSeenAt + 1) : -1;
    }

    List<Problem> finish() {
        long base = base();
        checkCheckpointPlaces(base);
        checkStart(base);
        checkHead(base);
        return problems;
    }

    /** Each checkpoint's head must be in the chain at the place it names, unless retention took it. */
    private void checkCheckpointPlaces(long base) {
        for (ChainSeal cp : checkpoints.values()) {
            Long seen = checkpointSeenAt.get(cp.sequence());
            if (seen != null) {
                if (base >= 0 && base + seen + 1 != cp.length()) {
                    problem(seen, null, "checkpoint " + cp.sequence() + " vouches for record " + cp.length()
                            + " but the trail has it at " + (base + seen + 1) + ": records before it were removed or inserted");
                }
            } else if (cp.length() == 0) {
                continue; // the empty chain's checkpoint has no record to find
            } else if (base >= 0 && cp.length() > base && cp.length() <= base + records) {
                problem(cp.length() - base - 1, null, "the record checkpoint " + cp.sequence()
                        + " vouches for is not in the trail: it was changed or replaced");
            } else if (base >= 0 && cp.length() > base + records) {
                problem(AT_THE_END, null, "checkpoint " + cp.sequence() + " vouches for " + cp.length()
                        + " records but the trail holds " + (base + records) + ": records were removed or the trail rewritten");
            }
        }
    }

    private void checkStart(long base) {
        if (records == 0 || startsAtGenesis) {
            return;
        }
        String missing = base >= 0 ? base + " records" : "an unknown number of records";
        if (retentionMs < 0) {
            problem(BEFORE_ALL, null, "the trail's start is missing (" + missing
                    + ") though the audit topic keeps records for ever: they were deleted");
            return;
        }
        Instant retainedSince = now.minus(Duration.ofMillis(retentionMs));
        checkpoints.values().stream().filter(cp -> base >= 0 && cp.length() <= base && cp.sealedAt().isAfter(retainedSince))
                .findFirst().ifPresent(cp -> problem(BEFORE_ALL, null, "the trail's start is missing (" + missing
                        + "), including records checkpoint " + cp.sequence() + " sealed at " + cp.sealedAt()
                        + ", within the retention: they were deleted"));
    }

    /** Every transaction that adds audit records seals its head: nothing may follow the last signed head. */
    private void checkHead(long base) {
        if (head == null) {
            if (records > 0) {
                problem(AT_THE_END, null, "the trail's last records are not sealed by the hub: no signed head");
            }
            return;
        }
        if (records == 0) {
            if (head.length() > 0 && (retentionMs < 0 || head.sealedAt().isAfter(now.minus(Duration.ofMillis(retentionMs))))) {
                problem(AT_THE_END, null, "the trail is empty but the signed head vouches for " + head.length()
                        + " records: it was deleted");
            }
            return;
        }
        if (head.length() == 0 && startsAtGenesis) {
            problem(0, null, records + " records after the last signed head were not written by the hub");
        } else if (headSeenAt < 0) {
            problem(AT_THE_END, null, "the record the signed head names is not in the trail: records were"
                    + " removed or the trail rewritten");
        } else if (headSeenAt < records - 1) {
            problem(headSeenAt + 1, null, (records - 1 - headSeenAt)
                    + " records after the last signed head were not written by the hub");
        } else if (base >= 0 && base + records != head.length()) {
            problem(AT_THE_END, null, "the signed head vouches for " + head.length()
                    + " records but the trail holds " + (base + records));
        }
    }

    private void problem(long position, String auditId, String text) {
        problems.add(new Problem(position, auditId, label + text));
    }

    /** Where a checkpoint's head was found in this chain, or {@link #AT_THE_END}. */
    long position(long checkpointSequence) {
        Long seen = checkpointSeenAt.get(checkpointSequence);
        return seen != null ? seen : AT_THE_END;
    }

    /** The committed head to continue from: the last record present, and its position in the whole chain. */
    AuditTrail.Head chainHead() {
        return new AuditTrail.Head(lastHash, Math.max(0, base()) + records);
    }
}
