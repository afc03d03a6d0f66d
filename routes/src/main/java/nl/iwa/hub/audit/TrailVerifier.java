package nl.iwa.hub.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import nl.iwa.hub.contract.audit.AuditRecord;

/**
 * Checks the audit trail against its hash chains and the hub's signed seals, reading the records once in topic
 * order (memory does not grow with the trail). The seals are checked once for the whole trail: signed by a
 * trusted key, checkpoints numbered without gaps and each naming the one before, the head naming the latest.
 * Each partition's chain is then checked against what the seals say of it ({@link ChainVerifier}: a changed,
 * removed, inserted or reordered record, records appended by someone else, a rewritten chain, a removed start).
 * A problem an operator accepted at start-up (see {@link AuditSeal.Kind#ACCEPTED}) no longer blocks the hub; the
 * acceptance itself stays reported.
 */
public final class TrailVerifier {

    /** Between the problems an {@link AuditSeal.Kind#ACCEPTED} checkpoint names. */
    public static final String PROBLEM_SEPARATOR = "; ";

    private final List<Problem> problems = new ArrayList<>();
    private final TreeMap<Long, AuditSeal> checkpoints = new TreeMap<>();
    private final List<ChainVerifier> chains = new ArrayList<>();
    private AuditSeal head;

    /** A problem in one chain, or in the seals ({@code chain} -1): before all chains or after all of them. */
    private record Problem(int chain, long position, String auditId, String text) {

        int order() {
            return chain >= 0 ? chain : position == ChainVerifier.BEFORE_ALL ? -1 : Integer.MAX_VALUE;
        }
    }

    /** The outcome, as shown to the privacy officer; no personal data, only counts, ids, hashes and times. */
    public record Verification(long records, int chains, boolean intact, boolean startsAtGenesis, Long recordsMissingAtStart,
                               int checkpoints, Long lastCheckpoint, Instant lastCheckpointAt, boolean headSealed,
                               String firstBrokenAuditId, String problem, List<String> problems, List<String> accepted,
                               boolean blocking) {
    }

    /**
     * @param seals       the seal topic's records in order (a later head replaces an earlier one)
     * @param partitions  the audit topic's partitions: one chain each
     * @param retentionMs the audit topic's retention, negative for ever: says whether a missing start may be expected
     */
    public TrailVerifier(List<AuditSeal> seals, int partitions, TrustedKeys keys, long retentionMs, Instant now) {
        this(seals, seals.size(), partitions, keys, retentionMs, now);
    }

    /**
     * @param sealsBeforeRead how many of {@code seals} were on the seal topic before the trail's end was taken: with
     *                        the decide topology the chains' tasks write on while the trail is read, so a later own
     *                        head seal may name a record the read did not reach (see {@link ChainVerifier.OwnHead})
     */
    public TrailVerifier(List<AuditSeal> seals, int sealsBeforeRead, int partitions, TrustedKeys keys, long retentionMs, Instant now) {
        // every transaction writes a head and compaction keeps only the latest in the end: only that one counts, so
        // only that one is verified (a signature check costs about a millisecond)
        AuditSeal latestHead = seals.stream().filter(s -> s.kind() == AuditSeal.Kind.HEAD).reduce((a, b) -> b).orElse(null);
        // a chain's own head seals (decide topology): the latest committed before the read, and any written since
        Map<Long, Integer> latestOwnBefore = new HashMap<>();
        for (int i = 0; i < sealsBeforeRead; i++) {
            if (seals.get(i).kind() == AuditSeal.Kind.CHAIN_HEAD) {
                latestOwnBefore.put(seals.get(i).sequence(), i);
            }
        }
        Map<Integer, List<ChainVerifier.OwnHead>> ownHeads = new HashMap<>();
        Instant latestOwnSeal = null;
        for (int i = 0; i < seals.size(); i++) {
            AuditSeal seal = seals.get(i);
            if (seal.kind() == AuditSeal.Kind.CHAIN_HEAD) {
                boolean before = i < sealsBeforeRead;
                if (before && latestOwnBefore.get(seal.sequence()) != i) {
                    continue;
                }
                if (!seal.verifiedBy(keys)) {
                    problems.add(new Problem(-1, ChainVerifier.AT_THE_END, null, "the head seal of partition " + seal.sequence()
                            + " is not signed by a trusted key (key id " + seal.keyId() + "): it was forged or altered"));
                    continue;
                }
                AuditTrail.Head own = seal.chainHead();
                ownHeads.computeIfAbsent((int) seal.sequence(), p -> new ArrayList<>()).add(new ChainVerifier.OwnHead(
                        new ChainVerifier.ChainSeal(seal.sequence(), own.length(), own.hash(), seal.sealedAt()), before));
                latestOwnSeal = latestOwnSeal == null || seal.sealedAt().isAfter(latestOwnSeal) ? seal.sealedAt() : latestOwnSeal;
                continue;
            }
            if (!seal.isCheckpoint() && seal != latestHead) {
                continue;
            }
            if (!seal.verifiedBy(keys)) {
                problems.add(new Problem(-1, seal.isCheckpoint() ? ChainVerifier.BEFORE_ALL : ChainVerifier.AT_THE_END, null,
                        (seal.isCheckpoint() ? "checkpoint " + seal.sequence() : "the head seal")
                                + " is not signed by a trusted key (key id " + seal.keyId() + "): it was forged or altered"));
            } else if (seal.isCheckpoint()) {
                checkpoints.put(seal.sequence(), seal);
            } else {
                head = seal;
            }
        }
        int chainCount = Math.max(Math.max(1, partitions), head == null ? 0 : head.heads().partitions());
        chainCount = Math.max(chainCount, ownHeads.keySet().stream().mapToInt(p -> p + 1).max().orElse(0));
        for (int p = 0; p < chainCount; p++) {
            int partition = p;
            List<ChainVerifier.ChainSeal> vouched = checkpoints.values().stream()
                    .map(cp -> ChainVerifier.ChainSeal.of(cp, partition)).toList();
            chains.add(new ChainVerifier(chainCount == 1 ? "" : "partition " + p + ": ", vouched,
                    head == null ? null : ChainVerifier.ChainSeal.of(head, partition), ownHeads.getOrDefault(p, List.of()),
                    retentionMs, now));
        }
        // a trail continued by the decide topology: the last all-chains head predates checkpoints written since
        headSupersededByChainHeads = head != null && latestOwnSeal != null && latestOwnSeal.isAfter(head.sealedAt());
        sealedPerChain = !ownHeads.isEmpty();
    }

    private boolean headSupersededByChainHeads;
    private boolean sealedPerChain;

    /** A record on the seal topic that is no seal: someone else wrote it. */
    public void unreadableSeal(long offset) {
        problems.add(new Problem(-1, ChainVerifier.BEFORE_ALL, null, "the seal topic holds a record at offset " + offset
                + " that is no seal: it was not written by the hub"));
    }

    /** The next record of the chain on {@code partition}, in that partition's order. */
    public void accept(int partition, AuditRecord record) {
        if (partition < 0 || partition >= chains.size()) {
            throw new IllegalArgumentException("partition " + partition + " is not one of the trail's " + chains.size());
        }
        chains.get(partition).accept(record);
    }

    public Verification finish() {
        checkCheckpointChain();
        for (int p = 0; p < chains.size(); p++) {
            for (ChainVerifier.Problem found : chains.get(p).finish()) {
                problems.add(new Problem(p, found.position(), found.auditId(), found.text()));
            }
        }
        problems.sort(Comparator.comparingInt(Problem::order).thenComparingLong(Problem::position));
        List<String> accepted = checkpoints.values().stream().filter(cp -> cp.kind() == AuditSeal.Kind.ACCEPTED)
                .map(cp -> "checkpoint " + cp.sequence() + " at " + cp.sealedAt() + ": continued after \"" + cp.accepted() + "\"").toList();
        // a problem blocks unless an operator accepted exactly this problem: one that arises later, even about older
        // records, blocks again
        Set<String> acceptedProblems = new HashSet<>();
        checkpoints.values().stream().filter(cp -> cp.kind() == AuditSeal.Kind.ACCEPTED && cp.accepted() != null)
                .forEach(cp -> acceptedProblems.addAll(List.of(cp.accepted().split(PROBLEM_SEPARATOR))));
        boolean blocking = problems.stream().anyMatch(p -> !acceptedProblems.contains(p.text()));
        Problem first = problems.isEmpty() ? null : problems.get(0);
        String firstBroken = problems.stream().map(Problem::auditId).filter(Objects::nonNull).findFirst().orElse(null);
        AuditSeal last = checkpoints.isEmpty() ? null : checkpoints.lastEntry().getValue();
        long records = chains.stream().mapToLong(ChainVerifier::records).sum();
        boolean fromGenesis = chains.stream().allMatch(ChainVerifier::startsAtGenesis);
        boolean baseKnown = chains.stream().allMatch(c -> c.base() >= 0);
        return new Verification(records, chains.size(), problems.isEmpty() && accepted.isEmpty(), fromGenesis,
                fromGenesis ? Long.valueOf(0) : baseKnown ? Long.valueOf(chains.stream().mapToLong(ChainVerifier::base).sum()) : null,
                checkpoints.size(), last == null ? null : last.sequence(), last == null ? null : last.sealedAt(),
                // with chains sealed by their own tasks, a chain no task has written yet has no seal to have
                chains.stream().allMatch(c -> c.headSealed() || (sealedPerChain && c.untouched())), firstBroken, first == null ? null : first.text(),
                problems.stream().map(Problem::text).toList(), accepted, blocking);
    }

    /** Checkpoints are numbered from 1, each naming the digest of the one before; none is ever deleted. */
    private void checkCheckpointChain() {
        AuditSeal previous = null;
        for (AuditSeal cp : checkpoints.values()) {
            long expected = previous == null ? 1 : previous.sequence() + 1;
            String expectedLink = previous == null ? AuditSeal.NONE : previous.digest();
            if (cp.sequence() != expected || !cp.previousCheckpoint().equals(expectedLink)) {
                problems.add(new Problem(-1, ChainVerifier.BEFORE_ALL, null, "checkpoint " + cp.sequence()
                        + " does not follow checkpoint " + (expected - 1) + ": checkpoints between them were removed or altered"));
            }
            previous = cp;
        }
        if (head != null && !headSupersededByChainHeads && (previous == null ? head.sequence() != 0 : head.sequence() != previous.sequence()
                || !head.previousCheckpoint().equals(previous.digest()))) {
            problems.add(new Problem(-1, ChainVerifier.AT_THE_END, null, "the head seal names checkpoint " + head.sequence()
                    + " as the latest, which is not the latest present: checkpoints were removed"));
        }
    }

    /** The committed heads to continue from: per chain, the last record present and its position in the chain. */
    public TrailHeads trailHeads() {
        return new TrailHeads(chains.stream().map(ChainVerifier::chainHead).toList());
    }

    /** The latest valid checkpoint, which the next one must name; null when none was written yet. */
    public AuditSeal lastCheckpoint() {
        return checkpoints.isEmpty() ? null : checkpoints.lastEntry().getValue();
    }
}
