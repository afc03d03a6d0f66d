package nl.iwa.hub.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import nl.iwa.hub.audit.AuditChains;
import nl.iwa.hub.audit.AuditSeal;
import nl.iwa.hub.audit.AuditSigningKey;
import nl.iwa.hub.audit.AuditTrailTest;
import nl.iwa.hub.audit.TrailHeads;
import nl.iwa.hub.testkit.pki.AuditKeyFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's acceptance of a broken trail is sealed before any decide task runs, so no task's head seal covers the
 * accepted records before the acceptance is on record; and only once no hub decides, so checkpoints keep one writer.
 */
class AcceptanceCheckpointTest {

    private static final Instant NOW = Instant.parse("2026-12-06T06:00:00Z");
    private static final String PROBLEMS = "partition 1: 1 records after the last signed head were not written by the hub";

    @TempDir
    Path dir;

    private AuditSigningKey key;
    private final List<AuditSeal> sealTopic = new ArrayList<>();
    private final AuditChains chains = new AuditChains(TrailHeads.empty(3));
    private AuditSeal lastCheckpoint;

    @BeforeEach
    void aTrailWithACheckpointAndARecordNobodyVouchedFor() {
        key = AuditSigningKey.fromPemFile(AuditKeyFile.ensure(dir.resolve("k.pem")));
        chains.append(0, AuditTrailTest.record("r0"));
        sealTopic.add(AuditSeal.chainHead("iwa.hub.audit", 0, chains.heads().chain(0), NOW, key));
        lastCheckpoint = new TrailCheckpoints(sealing(null), 3, () -> List.copyOf(sealTopic)).next(NOW).orElseThrow();
        sealTopic.add(lastCheckpoint);
        chains.append(1, AuditTrailTest.record("forged"));
    }

    @Test
    void withNoAcceptanceNothingIsWrittenAndNobodyIsAsked() throws InterruptedException {
        AtomicInteger asked = new AtomicInteger();
        List<AuditSeal> written = new ArrayList<>();

        assertThat(checkpoint(sealing(null), () -> {
            asked.incrementAndGet();
            return 0;
        }, written, Duration.ofSeconds(1)).sealBeforeDeciding()).isEmpty();

        assertThat(written).isEmpty();
        assertThat(asked).hasValue(0);
    }

    @Test
    void theAcceptedCheckpointIsWrittenOverTheTrailAsItStoodOnceNoHubDecides() throws InterruptedException {
        // the hub that stopped a moment ago is still in the group for two more looks
        AtomicInteger looks = new AtomicInteger();
        List<AuditSeal> written = new ArrayList<>();

        AuditSeal accepted = checkpoint(sealing(acceptance()), () -> looks.incrementAndGet() <= 2 ? 1 : 0, written, Duration.ofSeconds(10))
                .sealBeforeDeciding().orElseThrow();

        assertThat(looks).hasValue(3);
        assertThat(written).containsExactly(accepted);
        assertThat(accepted.kind()).isEqualTo(AuditSeal.Kind.ACCEPTED);
        assertThat(accepted.accepted()).isEqualTo(PROBLEMS);
        assertThat(accepted.sequence()).isEqualTo(lastCheckpoint.sequence() + 1);
        assertThat(accepted.previousCheckpoint()).isEqualTo(lastCheckpoint.digest());
        assertThat(accepted.heads()).as("the forged record included: the acceptance vouches for it").isEqualTo(chains.heads());
    }

    @Test
    void whileAnotherHubStillDecidesTheAcceptanceIsRefusedAndNothingWritten() {
        List<AuditSeal> written = new ArrayList<>();

        assertThatThrownBy(() -> checkpoint(sealing(acceptance()), () -> 1, written, Duration.ofMillis(50)).sealBeforeDeciding())
                .isInstanceOf(AcceptanceCheckpoint.HubsStillDeciding.class)
                .hasMessageContaining("1 hub(s) still decide")
                .hasMessageContaining("stop every hub");
        assertThat(written).isEmpty();
    }

    @Test
    void anAcceptanceTheSealTopicHoldsAlreadyIsNotWrittenAgain() throws InterruptedException {
        List<AuditSeal> first = new ArrayList<>();
        checkpoint(sealing(acceptance()), () -> 0, first, Duration.ofSeconds(1)).sealBeforeDeciding().orElseThrow();
        sealTopic.addAll(first);
        List<AuditSeal> again = new ArrayList<>();

        assertThat(checkpoint(sealing(acceptance()), () -> 0, again, Duration.ofSeconds(1)).sealBeforeDeciding()).isEmpty();
        assertThat(again).isEmpty();
    }

    private ChainSealing.Acceptance acceptance() {
        return new ChainSealing.Acceptance(PROBLEMS, chains.heads());
    }

    private AcceptanceCheckpoint checkpoint(ChainSealing sealing, java.util.function.IntSupplier deciding, List<AuditSeal> written,
                                            Duration patience) {
        return new AcceptanceCheckpoint(sealing, deciding, written::add, patience, Duration.ofMillis(1));
    }

    private ChainSealing sealing(ChainSealing.Acceptance accepted) {
        return new ChainSealing(key, "iwa.hub.audit", "iwa.hub.audit.seals", Clock.systemUTC(), Duration.ofHours(1),
                () -> List.copyOf(sealTopic), 3, accepted);
    }
}
