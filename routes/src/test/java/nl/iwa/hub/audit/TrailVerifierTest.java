package nl.iwa.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.testkit.pki.AuditKeyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What someone with broker access can do to the audit trail and its seals, and that verification sees each:
 * the trail is built as the hub builds it (a chain sealed per transaction, checkpoints every few records).
 */
class TrailVerifierTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @TempDir
    Path dir;

    /**
     * A trail as the hub writes it: records in transactions of two, each sealed, a checkpoint every 4 records; on
     * one chain unless told otherwise, the records of a transaction spread over the chains in turn.
     */
    private final class Hub {
        final AuditSigningKey key;
        final AuditChains chains;
        final AuditSealer sealer;
        /** Per record, in writing order; {@link #partitionOf} says on which chain. */
        final List<AuditRecord> records = new ArrayList<>();
        final List<Integer> partitions = new ArrayList<>();
        final List<AuditSeal> seals = new ArrayList<>();
        Instant clock = NOW.minus(Duration.ofDays(30));

        Hub(String keyName) {
            this(keyName, 1);
        }

        Hub(String keyName, int chainCount) {
            key = AuditSigningKey.fromPemFile(AuditKeyFile.ensure(dir.resolve(keyName + ".pem")));
            chains = new AuditChains(TrailHeads.empty(chainCount));
            sealer = new AuditSealer(key, "iwa.hub.audit", "iwa.hub.audit.seals", 4, Duration.ofDays(365), null);
        }

        Hub transactions(int count) {
            for (int t = 0; t < count; t++) {
                TrailHeads before = chains.heads();
                for (int i = 0; i < 2; i++) {
                    add(records.size() % chains.partitions(), AuditTrailTest.record("r" + records.size()));
                }
                clock = clock.plusSeconds(60);
                seals.addAll(sealer.sealsFor(before, chains.heads(), clock));
                sealer.committed();
            }
            return this;
        }

        void add(int partition, AuditRecord r) {
            chains.append(partition, r);
            records.add(r);
            partitions.add(partition);
        }

        TrustedKeys keys() {
            return new TrustedKeys(List.of(key.publicKey()));
        }
    }

    /** One chain's records, verified against the seals. */
    private static TrailVerifier.Verification verify(List<AuditRecord> records, List<AuditSeal> seals, TrustedKeys keys, long retentionMs) {
        TrailVerifier verifier = new TrailVerifier(seals, 1, keys, retentionMs, NOW);
        records.forEach(r -> verifier.accept(0, r));
        return verifier.finish();
    }

    /** Every chain of the hub's trail, each record on its partition, as a consumer of the audit topic reads them. */
    private static TrailVerifier.Verification verifyChains(Hub hub, List<AuditRecord> records, List<Integer> partitions) {
        TrailVerifier verifier = new TrailVerifier(hub.seals, hub.chains.partitions(), hub.keys(), -1, NOW);
        for (int i = 0; i < records.size(); i++) {
            verifier.accept(partitions.get(i), records.get(i));
        }
        return verifier.finish();
    }

    /** What a forger with broker access can do: a record that links correctly to the last one. */
    private static AuditRecord appendForged(Hub hub) {
        AuditRecord forged = AuditTrailTest.record("forged");
        forged.setPreviousHash(hub.records.get(hub.records.size() - 1).getHash());
        forged.setHash(AuditTrail.hashOf(forged));
        hub.records.add(forged);
        return forged;
    }

    private static TrailVerifier.Verification verify(Hub hub) {
        return verify(hub.records, hub.seals, hub.keys(), -1);
    }

    @Test
    void aTrailAsTheHubWroteItVerifies() {
        Hub hub = new Hub("k").transactions(5);

        TrailVerifier.Verification v = verify(hub);

        assertThat(v.problems()).isEmpty();
        assertThat(v.intact()).isTrue();
        assertThat(v.records()).isEqualTo(10);
        assertThat(v.checkpoints()).as("the first transaction, then every 4 records").isEqualTo(3);
        assertThat(v.headSealed()).isTrue();
        assertThat(v.blocking()).isFalse();
    }

    @Test
    void aRecordAppendedWithACorrectLinkIsNotTheHubs() {
        Hub hub = new Hub("k").transactions(3);
        AuditRecord forged = appendForged(hub);

        TrailVerifier.Verification v = verify(hub);

        assertThat(v.intact()).isFalse();
        assertThat(v.blocking()).isTrue();
        assertThat(v.problem()).isEqualTo("1 records after the last signed head were not written by the hub");
    }

    @Test
    void aRewrittenTrailWithValidHashesHasNoneOfTheSignedHeads() {
        Hub hub = new Hub("k").transactions(3);
        AuditTrail rewritten = new AuditTrail(AuditTrail.Head.EMPTY);
        List<AuditRecord> copy = new ArrayList<>();
        for (AuditRecord r : hub.records) {
            AuditRecord changed = AuditRecord.newBuilder(r).setReceiverPartnerId("someone-else").build();
            rewritten.written(rewritten.seal(changed));
            copy.add(changed);
        }

        TrailVerifier.Verification v = verify(copy, hub.seals, hub.keys(), -1);

        assertThat(v.problems()).contains("the record the signed head names is not in the trail: records were removed or the trail rewritten");
        assertThat(v.problems()).anyMatch(p -> p.startsWith("the record checkpoint 1 vouches for is not in the trail"));
    }

    @Test
    void aChangedRemovedOrReorderedRecordIsNamed() {
        Hub hub = new Hub("k").transactions(3);
        List<AuditRecord> changed = new ArrayList<>(hub.records);
        changed.set(2, AuditRecord.newBuilder(hub.records.get(2)).setDetail("x").build());
        List<AuditRecord> removed = new ArrayList<>(hub.records);
        removed.remove(3);

        assertThat(verify(changed, hub.seals, hub.keys(), -1).firstBrokenAuditId()).isEqualTo("r2");
        assertThat(verify(changed, hub.seals, hub.keys(), -1).problem()).contains("changed after it was written");
        assertThat(verify(removed, hub.seals, hub.keys(), -1).firstBrokenAuditId()).isEqualTo("r4");
    }

    @Test
    void aMissingStartIsReportedWhenTheTopicKeepsRecordsForEver() {
        Hub hub = new Hub("k").transactions(6);
        List<AuditRecord> truncated = hub.records.subList(5, hub.records.size());

        TrailVerifier.Verification forEver = verify(truncated, hub.seals, hub.keys(), -1);
        TrailVerifier.Verification byRetention = verify(truncated, hub.seals, hub.keys(), Duration.ofDays(1).toMillis());
        TrailVerifier.Verification deletedWithinRetention = verify(truncated, hub.seals, hub.keys(), Duration.ofDays(90).toMillis());

        assertThat(forEver.startsAtGenesis()).isFalse();
        assertThat(forEver.recordsMissingAtStart()).as("known from the signed head").isEqualTo(5);
        assertThat(forEver.problem()).isEqualTo("the trail's start is missing (5 records) though the audit topic keeps records for ever: they were deleted");
        assertThat(byRetention.problems()).as("records older than the retention may go").isEmpty();
        assertThat(deletedWithinRetention.problem()).contains("checkpoint 1 sealed at", "within the retention");
    }

    @Test
    void sealsNotSignedByATrustedKeyDoNotCount() {
        Hub hub = new Hub("k").transactions(3);
        Hub impostor = new Hub("other").transactions(3);

        TrailVerifier.Verification v = verify(hub.records, impostor.seals, hub.keys(), -1);

        assertThat(v.problems()).contains("the head seal is not signed by a trusted key (key id " + impostor.key.keyId()
                + "): it was forged or altered", "the trail's last records are not sealed by the hub: no signed head");
        assertThat(v.checkpoints()).isZero();
    }

    @Test
    void aRemovedCheckpointBreaksTheCheckpointChain() {
        Hub hub = new Hub("k").transactions(6);
        List<AuditSeal> withoutSecond = hub.seals.stream().filter(s -> !(s.isCheckpoint() && s.sequence() == 2)).toList();

        assertThat(verify(hub.records, withoutSecond, hub.keys(), -1).problems())
                .contains("checkpoint 3 does not follow checkpoint 1: checkpoints between them were removed or altered");
    }

    @Test
    void aKeyRotationKeepsOldCheckpointsValidWhenTheOldKeyIsStillTrusted() {
        Hub hub = new Hub("old").transactions(2);
        AuditSigningKey newKey = AuditSigningKey.fromPemFile(AuditKeyFile.ensure(dir.resolve("new.pem")));
        AuditSealer rotated = new AuditSealer(newKey, "iwa.hub.audit", "iwa.hub.audit.seals", 4, Duration.ofDays(365),
                hub.seals.stream().filter(AuditSeal::isCheckpoint).reduce((a, b) -> b).orElseThrow());
        TrailHeads before = hub.chains.heads();
        hub.add(0, AuditTrailTest.record("after-rotation"));
        hub.seals.addAll(rotated.sealsFor(before, hub.chains.heads(), NOW));

        assertThat(verify(hub.records, hub.seals, new TrustedKeys(List.of(newKey.publicKey(), hub.key.publicKey())), -1).problems()).isEmpty();
        assertThat(verify(hub.records, hub.seals, new TrustedKeys(List.of(newKey.publicKey())), -1).problems())
                .anyMatch(p -> p.contains("is not signed by a trusted key"));
    }

    @Test
    void anAcceptedProblemStaysReportedButNoLongerBlocks() {
        Hub hub = new Hub("k").transactions(3);
        AuditRecord forged = appendForged(hub);
        // the operator accepts the head as it is now: the hub continues from the forged record
        TrailHeads continued = new TrailHeads(List.of(new AuditTrail.Head(forged.getHash(), 7)));
        AuditSealer sealer = new AuditSealer(hub.key, "iwa.hub.audit", "iwa.hub.audit.seals", 4, Duration.ofDays(365),
                hub.seals.stream().filter(AuditSeal::isCheckpoint).reduce((a, b) -> b).orElseThrow());
        sealer.acceptOnNextSeal("1 records after the last signed head were not written by the hub");
        hub.seals.addAll(sealer.sealsFor(continued, continued, NOW));

        TrailVerifier.Verification v = verify(hub);

        assertThat(v.blocking()).isFalse();
        assertThat(v.intact()).isFalse();
        assertThat(v.accepted()).singleElement().asString().contains("continued after \"1 records after the last signed head");
    }

    @Test
    void aSealsSignedTextCanBeCheckedByAnyoneWithThePublicKey() throws Exception {
        Hub hub = new Hub("k").transactions(1);
        AuditSeal checkpoint = hub.seals.get(0);
        AuditSeal read = AuditSeal.fromJson(checkpoint.toJson());

        java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
        jdk.initVerify(hub.key.publicKey());
        jdk.update(read.signedText().getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(jdk.verify(read.signature())).isTrue();
        assertThat(read.signedText()).startsWith("iwa-audit-seal/2\nkind=CHECKPOINT\ntopic=iwa.hub.audit\nsequence=1\nrecords=2\n"
                + "chains=0:2:" + hub.records.get(1).getHash() + "\nroot=" + hub.chains.heads().root() + "\n");
        String otherHead = checkpoint.toJson().replace("\"chains\":\"0:2:", "\"chains\":\"0:3:");
        assertThat(AuditSeal.fromJson(otherHead).verifiedBy(hub.keys())).as("a changed field no longer matches the signature").isFalse();
    }

    @Test
    void aTrailOfSeveralChainsVerifiesAndEachSealCommitsToAllOfThem() {
        Hub hub = new Hub("k", 3).transactions(5);

        TrailVerifier.Verification v = verifyChains(hub, hub.records, hub.partitions);

        assertThat(v.problems()).isEmpty();
        assertThat(v.chains()).isEqualTo(3);
        assertThat(v.records()).isEqualTo(10);
        AuditSeal head = hub.seals.get(hub.seals.size() - 1);
        assertThat(head.heads()).isEqualTo(hub.chains.heads());
        assertThat(head.signedText()).contains("\nroot=" + hub.chains.heads().root() + "\n");
    }

    @Test
    void aProblemNamesItsChainAndTheOtherChainsStillCount() {
        Hub hub = new Hub("k", 3).transactions(3);
        // a forger appends to chain 2 with a correct link
        AuditRecord last = null;
        for (int i = 0; i < hub.records.size(); i++) {
            if (hub.partitions.get(i) == 2) {
                last = hub.records.get(i);
            }
        }
        AuditRecord forged = AuditTrailTest.record("forged");
        forged.setPreviousHash(last.getHash());
        forged.setHash(AuditTrail.hashOf(forged));
        List<AuditRecord> records = new ArrayList<>(hub.records);
        List<Integer> partitions = new ArrayList<>(hub.partitions);
        records.add(forged);
        partitions.add(2);

        TrailVerifier.Verification v = verifyChains(hub, records, partitions);

        assertThat(v.problems()).containsExactly("partition 2: 1 records after the last signed head were not written by the hub");
    }

    @Test
    void aRecordMovedToAnotherChainBreaksBoth() {
        Hub hub = new Hub("k", 2).transactions(3);
        List<Integer> moved = new ArrayList<>(hub.partitions);
        moved.set(2, 1 - moved.get(2));

        TrailVerifier.Verification v = verifyChains(hub, hub.records, moved);

        assertThat(v.problems()).anyMatch(p -> p.startsWith("partition 0: ")).anyMatch(p -> p.startsWith("partition 1: "));
        assertThat(v.blocking()).isTrue();
    }

    @Test
    void recordsOnAChainTheHubLeftEmptyAreNotTheHubs() {
        Hub hub = new Hub("k", 3);
        TrailHeads before = hub.chains.heads();
        hub.add(0, AuditTrailTest.record("r0"));
        hub.seals.addAll(hub.sealer.sealsFor(before, hub.chains.heads(), NOW));
        hub.sealer.committed();
        AuditRecord forged = AuditTrailTest.record("forged");
        forged.setPreviousHash(AuditTrail.GENESIS);
        forged.setHash(AuditTrail.hashOf(forged));

        TrailVerifier.Verification v = verifyChains(hub, List.of(hub.records.get(0), forged), List.of(0, 1));

        assertThat(v.problems()).containsExactly("partition 1: 1 records after the last signed head were not written by the hub");
    }

    @Test
    void theHeadsToContinueFromAreEachChainsLastRecord() {
        Hub hub = new Hub("k", 3).transactions(4);
        TrailVerifier verifier = new TrailVerifier(hub.seals, 3, hub.keys(), -1, NOW);
        for (int i = 0; i < hub.records.size(); i++) {
            verifier.accept(hub.partitions.get(i), hub.records.get(i));
        }
        verifier.finish();

        assertThat(verifier.trailHeads()).isEqualTo(hub.chains.heads());
    }

    /**
     * The decide topology (IWA_ENGINE=streams) continues a trail: each chain's own task appends to it and seals its
     * head alone ({@link AuditSeal.Kind#CHAIN_HEAD}); no seal over all chains is written per decision any more.
     */
    private static void continuedByTasks(Hub hub, int recordsPerChain, AuditSigningKey key) {
        for (int p = 0; p < hub.chains.partitions(); p++) {
            for (int i = 0; i < recordsPerChain; i++) {
                hub.add(p, AuditTrailTest.record("task" + p + "-" + i));
            }
            hub.clock = hub.clock.plusSeconds(60);
            hub.seals.add(AuditSeal.chainHead("iwa.hub.audit", p, hub.chains.heads().chain(p), hub.clock, key));
        }
    }

    @Test
    void aTrailContinuedByTasksThatSealTheirOwnChainsVerifies() {
        Hub hub = new Hub("k", 3).transactions(3);
        continuedByTasks(hub, 2, hub.key);

        TrailVerifier.Verification v = verifyChains(hub, hub.records, hub.partitions);

        assertThat(v.problems()).isEmpty();
        assertThat(v.headSealed()).isTrue();
        assertThat(v.records()).isEqualTo(12);
        // the checkpoints written before keep counting (records 2 and 6)
        assertThat(v.checkpoints()).isEqualTo(2);
    }

    @Test
    void aRecordAfterAChainsOwnHeadSealIsNotTheHubs() {
        Hub hub = new Hub("k", 3).transactions(1);
        continuedByTasks(hub, 2, hub.key);
        // a forger with broker access appends to chain 1 with a correct link
        AuditRecord forged = AuditTrailTest.record("forged");
        forged.setPreviousHash(hub.chains.heads().chain(1).hash());
        forged.setHash(AuditTrail.hashOf(forged));
        hub.records.add(forged);
        hub.partitions.add(1);

        TrailVerifier.Verification v = verifyChains(hub, hub.records, hub.partitions);

        assertThat(v.problems()).containsExactly("partition 1: 1 records after the last signed head were not written by the hub");
        assertThat(v.blocking()).isTrue();
    }

    @Test
    void aChainHeadSealNotSignedByATrustedKeyDoesNotVouchForItsChain() {
        Hub hub = new Hub("k", 2).transactions(1);
        AuditSigningKey forgersKey = AuditSigningKey.fromPemFile(AuditKeyFile.ensure(dir.resolve("forger.pem")));
        continuedByTasks(hub, 1, forgersKey);

        TrailVerifier.Verification v = verifyChains(hub, hub.records, hub.partitions);

        assertThat(v.problems()).contains("the head seal of partition 0 is not signed by a trusted key (key id "
                + forgersKey.keyId() + "): it was forged or altered");
        assertThat(v.problems()).anyMatch(p -> p.startsWith("partition 0: ") && p.contains("not written by the hub"));
        assertThat(v.blocking()).isTrue();
    }

    @Test
    void aChainHeadSealedAfterTheTrailWasReadDoesNotMakeTheReadIncomplete() {
        Hub hub = new Hub("k", 2).transactions(1);
        continuedByTasks(hub, 2, hub.key);
        List<AuditRecord> read = new ArrayList<>(hub.records);
        List<Integer> readPartitions = new ArrayList<>(hub.partitions);
        int sealsBeforeRead = hub.seals.size();
        // the task of chain 0 decides on while the trail is read: its next record is not in the read, its seal is
        continuedByTasks(hub, 1, hub.key);

        TrailVerifier verifier = new TrailVerifier(hub.seals, sealsBeforeRead, 2, hub.keys(), -1, NOW);
        for (int i = 0; i < read.size(); i++) {
            verifier.accept(readPartitions.get(i), read.get(i));
        }
        TrailVerifier.Verification v = verifier.finish();

        assertThat(v.problems()).isEmpty();
        assertThat(v.headSealed()).isTrue();
    }

    @Test
    void aChainHeadSealedBeforeTheTrailWasReadMustFindItsRecord() {
        Hub hub = new Hub("k", 2).transactions(1);
        continuedByTasks(hub, 2, hub.key);
        List<AuditRecord> read = new ArrayList<>(hub.records);
        List<Integer> readPartitions = new ArrayList<>(hub.partitions);
        continuedByTasks(hub, 1, hub.key);

        // every seal was there before the trail's end was taken: the records they name must be in the read
        TrailVerifier verifier = new TrailVerifier(hub.seals, hub.seals.size(), 2, hub.keys(), -1, NOW);
        for (int i = 0; i < read.size(); i++) {
            verifier.accept(readPartitions.get(i), read.get(i));
        }

        assertThat(verifier.finish().problems()).contains(
                "partition 0: the record the signed head names is not in the trail: records were removed or the trail rewritten",
                "partition 1: the record the signed head names is not in the trail: records were removed or the trail rewritten");
    }

    @Test
    void aChainNoTaskHasWrittenYetNeedsNoSeal() {
        Hub hub = new Hub("k", 3);
        // the tasks of chains 0 and 1 write; no resident hashed to chain 2 yet
        for (int p = 0; p < 2; p++) {
            hub.add(p, AuditTrailTest.record("task" + p));
            hub.seals.add(AuditSeal.chainHead("iwa.hub.audit", p, hub.chains.heads().chain(p), NOW, hub.key));
        }

        TrailVerifier.Verification v = verifyChains(hub, hub.records, hub.partitions);

        assertThat(v.problems()).isEmpty();
        assertThat(v.headSealed()).isTrue();
    }
}
