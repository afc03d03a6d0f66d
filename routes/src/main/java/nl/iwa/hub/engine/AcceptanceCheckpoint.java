package nl.iwa.hub.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import nl.iwa.hub.audit.AuditSeal;

/**
 * Seals an operator's acceptance of a trail that did not verify before any decide task runs. Were the task of partition
 * 0 to write the {@code ACCEPTED} checkpoint, as it writes the others, a decision in an accepted chain could seal a head
 * over the accepted records first: a verification in between found the trail intact, and a hub killed in between left
 * the acceptance, and with it the forgery, off the record. Written before the topology starts, the checkpoint comes
 * before every seal over those records.
 *
 * <p>Checkpoints have one writer, so that their numbers follow each other: the acceptance waits until no hub decides. A
 * hub that stopped or died leaves the group within its session timeout; one that still runs must be stopped first.
 */
public final class AcceptanceCheckpoint {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AcceptanceCheckpoint.class);

    /** Other hubs still decide: the acceptance would race their checkpoints, and their tasks would seal over it. */
    public static final class HubsStillDeciding extends IllegalStateException {

        HubsStillDeciding(String message) {
            super(message);
        }
    }

    /** How long a stopped hub may stay in the group: its session timeout, with room to spare. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ChainSealing sealing;
    private final IntSupplier hubsDeciding;
    private final Consumer<AuditSeal> write;
    private final Duration patience;
    private final Duration pollEvery;

    /**
     * @param hubsDeciding how many members the decide topology's group has now
     * @param write        writes a seal to the seal topic and returns once the broker has it
     */
    public AcceptanceCheckpoint(ChainSealing sealing, IntSupplier hubsDeciding, Consumer<AuditSeal> write, Duration patience,
                                Duration pollEvery) {
        this.sealing = sealing;
        this.hubsDeciding = hubsDeciding;
        this.write = write;
        this.patience = patience;
        this.pollEvery = pollEvery;
    }

    /** The {@code ACCEPTED} checkpoint written, or empty when no acceptance is to be sealed (or the seal topic has it). */
    public Optional<AuditSeal> sealBeforeDeciding() throws InterruptedException {
        if (sealing.accepted() == null) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + patience.toNanos();
        int deciding = hubsDeciding.getAsInt();
        if (deciding > 0) {
            log.info("sealing the operator's acceptance of the audit trail: waiting until no hub decides ({} still in the group, "
                    + "at most {} s)", deciding, patience.toSeconds());
        }
        while (deciding > 0) {
            if (System.nanoTime() - deadline >= 0) {
                throw new HubsStillDeciding("IWA_AUDIT_ACCEPT_BROKEN_TRAIL_HEAD: " + deciding + " hub(s) still decide after "
                        + patience.toSeconds() + " s; stop every hub, then start one with the setting, which seals the acceptance "
                        + "before anything is decided");
            }
            Thread.sleep(pollEvery.toMillis());
            deciding = hubsDeciding.getAsInt();
        }
        Optional<AuditSeal> next = new TrailCheckpoints(sealing, sealing.chains(), sealing.committedSeals())
                .next(sealing.clock().instant())
                .filter(seal -> seal.kind() == AuditSeal.Kind.ACCEPTED);
        next.ifPresent(seal -> {
            write.accept(seal);
            log.warn("the operator's acceptance of the audit trail is sealed in checkpoint {}", seal.sequence());
        });
        return next;
    }
}
