package nl.iwa.hub.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.iwa.hub.contract.audit.AuditRecord;

/**
 * Checks the audit trail against its hash chain and the hub's signed seals, reading the records once in topic
 * order (memory does not grow with the trail). It finds a changed record (its hash), a removed, inserted or
 * reordered one (a broken link, or a checkpoint's head at the wrong place), records appended by someone else
 * (after the last signed head), a rewritten trail (the signed head is not in it), a removed start (when the
 * topic keeps records for ever, or a checkpoint younger than the retention is gone), and seals not signed by a
 * trusted key or missing from the numbered checkpoint chain. A problem an operator accepted at start-up (see
 * {@link AuditSeal.Kind#ACCEPTED}) no longer blocks the hub; the acceptance itself stays reported.
 */
public final class TrailVerifier {

    private static final long BEFORE_ALL = -1;
    private static final long AT_THE_END = Long.MAX_VALUE;
    /** Between the problems an {@link AuditSeal.Kind#ACCEPTED} checkpoint names. */
    public static final String PROBLEM_SEPARATOR = "; ";

    private final TrustedKeys keys;
    private final long retentionMs;
    private final Instant now;
    private final List<Problem> problems = new ArrayList<>();
    private final TreeMap<Long, AuditSeal> checkpoints = new TreeMap<>();
    private final Map<String, List<AuditSeal>> checkpointsByHead = new HashMap<>();
    private final Map<Long, Long> checkpointSeenAt = new HashMap<>();
    private AuditSeal head;
    private long headSeenAt = -1;
    private long records;
    private boolean startsAtGenesis;
    private String expectedPrevious;
    private String lastHash = AuditTrail.GENESIS;

    private record Problem(long position, String auditId, String text) {
    }

    /** The outcome, as shown to the privacy officer; no personal data, only counts, ids, hashes and times. */
    public record Verification(long records, boolean intact, boolean startsAtGenesis, Long recordsMissingAtStart,
                               int checkpoints, Long lastCheckpoint, Instant lastCheckpointAt, boolean headSealed,
                               String firstBrokenAuditId, String problem, List<String> problems, List<String> accepted,
                               boolean blocking) {
    }

    /**
     * @param seals       the seal topic's records in order (a later head replaces an earlier one)
     * @param retentionMs the audit topic's retention, negative for ever: says whether a missing start may be expected
     */
    public TrailVerifier(List<AuditSeal> seals, TrustedKeys keys, long retentionMs, Instant now) {
        this.keys = keys;
        this.retentionMs = retentionMs;
        this.now = now;
        // every transaction writes a head and compaction keeps only the latest in the end: only that one counts, so
        // only that one is verified (a signature check costs about a millisecond)
        AuditSeal latestHead = seals.stream().filter(s -> !s.isCheckpoint()).reduce((a, b) -> b).orElse(null);
        for (AuditSeal seal : seals) {
            if (!seal.isCheckpoint() && seal != latestHead) {
                continue;
            }
            if (!seal.verifiedBy(keys)) {
                problems.add(new Problem(seal.isCheckpoint() ? BEFORE_ALL : AT_THE_END, null, (seal.isCheckpoint()
                        ? "checkpoint " + seal.sequence() : "the head seal") + " is not signed by a trusted key (key id "
                        + seal.keyId() + "): it was forged or altered"));
            } else if (seal.isCheckpoint()) {
                checkpoints.put(seal.sequence(), seal);
                checkpointsByHead.computeIfAbsent(seal.headHash(), h -> new ArrayList<>()).add(seal);
            } else {
                head = seal;
            }
        }
    }

    /** A record on the seal topic that is no seal: someone else wrote it. */
    public void unreadableSeal(long offset) {
        problems.add(new Problem(BEFORE_ALL, null, "the seal topic holds a record at offset " + offset
                + " that is no seal: it was not written by the hub"));
    }

    /** The next record of the trail, in topic order. */
    public void accept(AuditRecord record) {
        long index = records++;
        if (index == 0) {
            startsAtGenesis = AuditTrail.GENESIS.equals(record.getPreviousHash());
        } else if (!expectedPrevious.equals(record.getPreviousHash())) {
            problems.add(new Problem(index, record.getAuditId(), "record " + index
                    + " does not link to the record before it: a record was removed, inserted or reordered"));
        }
        if (!AuditTrail.hashOf(record).equals(record.getHash())) {
            problems.add(new Problem(index, record.getAuditId(), "record " + index
                    + " does not hash to its recorded hash: it was changed after it was written"));
        }
        for (AuditSeal cp : checkpointsByHead.getOrDefault(record.getHash(), List.of())) {
            checkpointSeenAt.put(cp.sequence(), index);
        }
        if (head != null && head.headHash().equals(record.getHash())) {
            headSeenAt = index;
        }
        expectedPrevious = record.getHash();
        lastHash = record.getHash();
    }

    /** The number of records before the first one present (known from a seal found in the trail), or -1. */
    private long base() {
        if (records == 0 || startsAtGenesis) {
            return 0;
        }
        for (Map.Entry<Long, Long> seen : checkpointSeenAt.entrySet()) {
            return checkpoints.get(seen.getKey()).chainLength() - (seen.getValue() + 1);
        }
        return headSeenAt >= 0 ? head.chainLength() - (headSeenAt + 1) : -1;
    }

    public Verification finish() {
        long base = base();
        checkCheckpointChain();
        checkCheckpointPlaces(base);
        checkStart(base);
        checkHead(base);
        problems.sort(Comparator.comparingLong(Problem::position));
        List<String> accepted = checkpoints.values().stream().filter(cp -> cp.kind() == AuditSeal.Kind.ACCEPTED)
                .map(cp -> "checkpoint " + cp.sequence() + " at " + cp.sealedAt() + ": continued after \"" + cp.accepted() + "\"").toList();
        // a problem blocks unless an operator accepted exactly this problem: one that arises later, even about older
        // records, blocks again
        java.util.Set<String> acceptedProblems = new java.util.HashSet<>();
        checkpoints.values().stream().filter(cp -> cp.kind() == AuditSeal.Kind.ACCEPTED && cp.accepted() != null)
                .forEach(cp -> acceptedProblems.addAll(List.of(cp.accepted().split(PROBLEM_SEPARATOR))));
        boolean blocking = problems.stream().anyMatch(p -> !acceptedProblems.contains(p.text()));
        Problem first = problems.isEmpty() ? null : problems.get(0);
        String firstBroken = problems.stream().map(Problem::auditId).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        AuditSeal last = checkpoints.isEmpty() ? null : checkpoints.lastEntry().getValue();
        return new Verification(records, problems.isEmpty() && accepted.isEmpty(), records == 0 || startsAtGenesis,
                records == 0 || startsAtGenesis ? Long.valueOf(0) : base >= 0 ? Long.valueOf(base) : null,
                checkpoints.size(), last == null ? null : last.sequence(), last == null ? null : last.sealedAt(),
                head != null && headSeenAt == records - 1, firstBroken, first == null ? null : first.text(),
                problems.stream().map(Problem::text).toList(), accepted, blocking);
    }

    /** Checkpoints are numbered from 1, each naming the digest of the one before; none is ever deleted. */
    private void checkCheckpointChain() {
        AuditSeal previous = null;
        for (AuditSeal cp : checkpoints.values()) {
            long expected = previous == null ? 1 : previous.sequence() + 1;
            String expectedLink = previous == null ? AuditSeal.NONE : previous.digest();
            if (cp.sequence() != expected || !cp.previousCheckpoint().equals(expectedLink)) {
                problems.add(new Problem(position(cp), null, "checkpoint " + cp.sequence() + " does not follow checkpoint "
                        + (expected - 1) + ": checkpoints between them were removed or altered"));
            }
            previous = cp;
        }
        if (head != null && (previous == null ? head.sequence() != 0 : head.sequence() != previous.sequence()
                || !head.previousCheckpoint().equals(previous.digest()))) {
            problems.add(new Problem(AT_THE_END, null, "the head seal names checkpoint " + head.sequence()
                    + " as the latest, which is not the latest present: checkpoints were removed"));
        }
    }

    /** Each checkpoint's head must be in the trail at the place it names, unless retention took it. */
    private void checkCheckpointPlaces(long base) {
        for (AuditSeal cp : checkpoints.values()) {
            Long seen = checkpointSeenAt.get(cp.sequence());
            if (seen != null) {
                if (base >= 0 && base + seen + 1 != cp.chainLength()) {
                    problems.add(new Problem(seen, null, "checkpoint " + cp.sequence() + " vouches for record " + cp.chainLength()
                            + " but the trail has it at " + (base + seen + 1) + ": records before it were removed or inserted"));
                }
            } else if (cp.chainLength() == 0) {
                continue; // the empty trail's checkpoint has no record to find
            } else if (base >= 0 && cp.chainLength() > base && cp.chainLength() <= base + records) {
                problems.add(new Problem(cp.chainLength() - base - 1, null, "the record checkpoint " + cp.sequence()
                        + " vouches for is not in the trail: it was changed or replaced"));
            } else if (base >= 0 && cp.chainLength() > base + records) {
                problems.add(new Problem(AT_THE_END, null, "checkpoint " + cp.sequence() + " vouches for " + cp.chainLength()
                        + " records but the trail holds " + (base + records) + ": records were removed or the trail rewritten"));
            }
        }
    }

    private void checkStart(long base) {
        if (records == 0 || startsAtGenesis) {
            return;
        }
        String missing = base >= 0 ? base + " records" : "an unknown number of records";
        if (retentionMs < 0) {
            problems.add(new Problem(BEFORE_ALL, null, "the trail's start is missing (" + missing
                    + ") though the audit topic keeps records for ever: they were deleted"));
            return;
        }
        Instant retainedSince = now.minus(Duration.ofMillis(retentionMs));
        checkpoints.values().stream().filter(cp -> base >= 0 && cp.chainLength() <= base && cp.sealedAt().isAfter(retainedSince))
                .findFirst().ifPresent(cp -> problems.add(new Problem(BEFORE_ALL, null, "the trail's start is missing ("
                        + missing + "), including records checkpoint " + cp.sequence() + " sealed at " + cp.sealedAt()
                        + ", within the retention: they were deleted")));
    }

    /** Every transaction that adds audit records seals its head: nothing may follow the last signed head. */
    private void checkHead(long base) {
        if (head == null) {
            if (records > 0) {
                problems.add(new Problem(AT_THE_END, null, "the trail's last records are not sealed by the hub: no signed head"));
            }
            return;
        }
        if (records == 0) {
            if (head.chainLength() > 0 && (retentionMs < 0 || head.sealedAt().isAfter(now.minus(Duration.ofMillis(retentionMs))))) {
                problems.add(new Problem(AT_THE_END, null, "the trail is empty but the signed head vouches for "
                        + head.chainLength() + " records: it was deleted"));
            }
            return;
        }
        if (headSeenAt < 0) {
            problems.add(new Problem(AT_THE_END, null, "the record the signed head names is not in the trail: records were"
                    + " removed or the trail rewritten"));
        } else if (headSeenAt < records - 1) {
            problems.add(new Problem(headSeenAt + 1, null, (records - 1 - headSeenAt)
                    + " records after the last signed head were not written by the hub"));
        } else if (base >= 0 && base + records != head.chainLength()) {
            problems.add(new Problem(AT_THE_END, null, "the signed head vouches for " + head.chainLength()
                    + " records but the trail holds " + (base + records)));
        }
    }

    private long position(AuditSeal cp) {
        Long seen = checkpointSeenAt.get(cp.sequence());
        return seen != null ? seen : AT_THE_END;
    }

    /** The committed head to continue from: the last record present, and its position in the whole trail. */
    public AuditTrail.Head trailHead() {
        long base = Math.max(0, base());
        return new AuditTrail.Head(lastHash, base + records);
    }

    /** The latest valid checkpoint, which the next one must name; null when none was written yet. */
    public AuditSeal lastCheckpoint() {
        return checkpoints.isEmpty() ? null : checkpoints.lastEntry().getValue();
    }
}
