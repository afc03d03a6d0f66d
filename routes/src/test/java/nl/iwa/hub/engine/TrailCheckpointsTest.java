package nl.iwa.hub.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.iwa.hub.audit.AuditChains;
import nl.iwa.hub.audit.AuditSeal;
import nl.iwa.hub.audit.AuditSigningKey;
import nl.iwa.hub.audit.AuditTrailTest;
import nl.iwa.hub.audit.TrailHeads;
import nl.iwa.hub.audit.TrailVerifier;
import nl.iwa.hub.audit.TrustedKeys;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.testkit.pki.AuditKeyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints over chains that their own tasks seal: the task of partition 0 signs each over the latest head of every
 * chain on the seal topic, numbered and linked, and only when a chain moved; the trail then verifies with them.
 */
class TrailCheckpointsTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void eachCheckpointCoversEveryChainsLatestHeadAndNamesTheOneBefore() {
        AuditSigningKey key = AuditSigningKey.fromPemFile(AuditKeyFile.ensure(dir.resolve("k.pem")));
        List<AuditSeal> sealTopic = new ArrayList<>();
        ChainSealing sealing = new ChainSealing(key, "iwa.hub.audit", "iwa.hub.audit.seals", Clock.systemUTC(), Duration.ofHours(1),
                () -> List.copyOf(sealTopic), 3, null);
        TrailCheckpoints checkpoints = new TrailCheckpoints(sealing, 3, sealing.committedSeals());
        AuditChains chains = new AuditChains(TrailHeads.empty(3));
        List<AuditRecord> records = new ArrayList<>();
        List<Integer> partitions = new ArrayList<>();

        // chains 0 and 2 move, each sealed by its task
        for (int p : new int[] {0, 2, 2}) {
            append(chains, records, partitions, p);
            sealTopic.add(AuditSeal.chainHead("iwa.hub.audit", p, chains.heads().chain(p), NOW, key));
        }
        AuditSeal first = checkpoints.next(NOW).orElseThrow();
        // nothing moved since: no checkpoint, whether or not the first has reached the topic yet
        assertThat(checkpoints.next(NOW.plusSeconds(1))).isEmpty();
        sealTopic.add(first);
        assertThat(checkpoints.next(NOW.plusSeconds(2))).isEmpty();
        // chain 1 moves
        append(chains, records, partitions, 1);
        sealTopic.add(AuditSeal.chainHead("iwa.hub.audit", 1, chains.heads().chain(1), NOW.plusSeconds(3), key));
        AuditSeal second = checkpoints.next(NOW.plusSeconds(4)).orElseThrow();
        sealTopic.add(second);

        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.heads().chain(1).length()).isZero();
        assertThat(first.heads().chain(2).length()).isEqualTo(2);
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.previousCheckpoint()).isEqualTo(first.digest());
        assertThat(second.heads()).isEqualTo(chains.heads());
        TrailVerifier verifier = new TrailVerifier(sealTopic, 3, new TrustedKeys(List.of(key.publicKey())), -1, NOW.plusSeconds(5));
        for (int i = 0; i < records.size(); i++) {
            verifier.accept(partitions.get(i), records.get(i));
        }
        TrailVerifier.Verification v = verifier.finish();
        assertThat(v.problems()).isEmpty();
        assertThat(v.checkpoints()).isEqualTo(2);
    }

    @Test
    void anOperatorsAcceptanceIsSealedOnceInAnAcceptedCheckpointOverTheTrailAsItStood() {
        AuditSigningKey key = AuditSigningKey.fromPemFile(AuditKeyFile.ensure(dir.resolve("k.pem")));
        List<AuditSeal> sealTopic = new ArrayList<>();
        AuditChains chains = new AuditChains(TrailHeads.empty(3));
        List<AuditRecord> records = new ArrayList<>();
        List<Integer> partitions = new ArrayList<>();
        for (int p : new int[] {0, 1}) {
            append(chains, records, partitions, p);
            sealTopic.add(AuditSeal.chainHead("iwa.hub.audit", p, chains.heads().chain(p), NOW, key));
        }
        AuditSeal first = new TrailCheckpoints(sealing(key, sealTopic, null), 3, () -> List.copyOf(sealTopic)).next(NOW).orElseThrow();
        sealTopic.add(first);
        // someone else appends a record to chain 1, well linked but vouched for by no seal: the trail does not verify
        append(chains, records, partitions, 1);
        TrailVerifier.Verification broken = verify(sealTopic, records, partitions, key, NOW.plusSeconds(1));
        assertThat(broken.blocking()).isTrue();

        // the hub starts again with an operator's acceptance; no task writes
        ChainSealing.Acceptance acceptance = new ChainSealing.Acceptance(
                String.join(TrailVerifier.PROBLEM_SEPARATOR, broken.problems()), chains.heads());
        TrailCheckpoints accepting = new TrailCheckpoints(sealing(key, sealTopic, acceptance), 3, () -> List.copyOf(sealTopic));
        AuditSeal accepted = accepting.next(NOW.plusSeconds(2)).orElseThrow();
        assertThat(accepted.kind()).isEqualTo(AuditSeal.Kind.ACCEPTED);
        assertThat(accepted.accepted()).isEqualTo(acceptance.problems());
        assertThat(accepted.sequence()).isEqualTo(2);
        assertThat(accepted.previousCheckpoint()).isEqualTo(first.digest());
        assertThat(accepted.heads()).as("the trail as it stood, the appended record included").isEqualTo(chains.heads());
        // written, not yet on the topic: not written again
        assertThat(accepting.next(NOW.plusSeconds(3))).isEmpty();
        sealTopic.add(accepted);
        assertThat(verify(sealTopic, records, partitions, key, NOW.plusSeconds(4)).blocking()).isFalse();

        // started once more, the setting still there: the topic holds the acceptance, so only a moved chain seals
        TrailCheckpoints again = new TrailCheckpoints(sealing(key, sealTopic, acceptance), 3, () -> List.copyOf(sealTopic));
        assertThat(again.next(NOW.plusSeconds(5))).isEmpty();
        append(chains, records, partitions, 2);
        sealTopic.add(AuditSeal.chainHead("iwa.hub.audit", 2, chains.heads().chain(2), NOW.plusSeconds(6), key));
        AuditSeal third = again.next(NOW.plusSeconds(7)).orElseThrow();
        sealTopic.add(third);

        assertThat(third.kind()).isEqualTo(AuditSeal.Kind.CHECKPOINT);
        assertThat(third.accepted()).isNull();
        assertThat(third.heads()).as("chain 1's head does not go back to its task's last seal").isEqualTo(chains.heads());
        TrailVerifier.Verification v = verify(sealTopic, records, partitions, key, NOW.plusSeconds(8));
        assertThat(v.blocking()).isFalse();
        assertThat(v.checkpoints()).isEqualTo(3);
        assertThat(v.accepted()).singleElement().asString().contains(broken.problems().get(0));
    }

    private static TrailVerifier.Verification verify(List<AuditSeal> sealTopic, List<AuditRecord> records, List<Integer> partitions,
                                                     AuditSigningKey key, Instant now) {
        TrailVerifier verifier = new TrailVerifier(sealTopic, 3, new TrustedKeys(List.of(key.publicKey())), -1, now);
        for (int i = 0; i < records.size(); i++) {
            verifier.accept(partitions.get(i), records.get(i));
        }
        return verifier.finish();
    }

    private static ChainSealing sealing(AuditSigningKey key, List<AuditSeal> sealTopic, ChainSealing.Acceptance accepted) {
        return new ChainSealing(key, "iwa.hub.audit", "iwa.hub.audit.seals", Clock.systemUTC(), Duration.ofHours(1),
                () -> List.copyOf(sealTopic), 3, accepted);
    }

    private static void append(AuditChains chains, List<AuditRecord> records, List<Integer> partitions, int p) {
        AuditRecord r = AuditTrailTest.record("r" + records.size());
        chains.append(p, r);
        records.add(r);
        partitions.add(p);
    }
}
