package nl.iwa.hub.handoff;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.LifeDomain;
import nl.iwa.hub.contract.common.Urgency;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.handoff.HandoffTransition;

/** A handoff overview over a list, for unit tests: counts its reads, and can be told it is still restoring. */
public final class ListedHandoffs implements HandoffOverview {

    private static final Instant SINCE = Instant.parse("2026-11-01T09:00:00Z");

    public final List<HandoffRecord> open = new ArrayList<>();
    public final AtomicInteger reads = new AtomicInteger();
    public boolean restoring;

    /** An open handoff to {@code receiver} in {@code status}, its awaited step due at {@code dueAt} (null: none). */
    public static HandoffRecord handoff(String receiver, HandoffStatus status, Instant dueAt) {
        return HandoffRecord.newBuilder().setHandoffId(UUID.randomUUID().toString()).setCorrelationId(UUID.randomUUID().toString())
                .setRequestMessageId(UUID.randomUUID().toString()).setSenderPartnerId("socialteam-heerlen")
                .setReceiverPartnerId(receiver).setPolicyId("flow").setPurpose("WORK_REINTEGRATION").setUrgency(Urgency.NORMAL)
                .setSubjectPseudonym("pseudonym-1").setStatus(status).setStatusSince(SINCE)
                .setAwaitedStatus(dueAt == null ? null : HandoffStatus.ACCEPTED).setDueAt(dueAt)
                .setHistory(List.of(new HandoffTransition(HandoffStatus.REQUESTED, SINCE, "SENDER", "m1")))
                .setDomain(LifeDomain.WORK).build();
    }

    public HandoffRecord add(String receiver, HandoffStatus status, Instant dueAt) {
        HandoffRecord h = handoff(receiver, status, dueAt);
        open.add(h);
        return h;
    }

    @Override
    public Optional<HandoffRecord> get(String handoffId) {
        return open.stream().filter(h -> h.getHandoffId().equals(handoffId)).findFirst();
    }

    @Override
    public void forEachOpen(Consumer<HandoffRecord> action) {
        reads.incrementAndGet();
        if (restoring) {
            throw new NotReady("restoring", null);
        }
        open.forEach(action);
    }
}
