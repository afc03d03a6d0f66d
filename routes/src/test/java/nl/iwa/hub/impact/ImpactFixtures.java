package nl.iwa.hub.impact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.LifeDomain;
import nl.iwa.hub.contract.common.Urgency;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.handoff.HandoffTransition;
import nl.iwa.hub.handoff.WorkingDayCalendar;
import nl.iwa.hub.policy.Deadlines;

/** Handoff states as the hub writes them, for the impact tests. */
final class ImpactFixtures {

    static final Map<String, String> KINDS = Map.of("uwv-zuid-limburg", "UWV", "socialteam-heerlen", "SOCIAL_TEAM",
            "wi-heerlen-support", "WORK_AND_INCOME");

    private ImpactFixtures() {
    }

    static SettledHandoffs settledHandoffs() {
        return new SettledHandoffs(id -> Optional.ofNullable(KINDS.get(id)), id -> Optional.of(Deadlines.DEFAULT), new WorkingDayCalendar());
    }

    /** A handoff that went through {@code steps} (status, time) after REQUESTED at {@code requested}. */
    static HandoffRecord handoff(String policy, String receiver, LifeDomain domain, Instant requested, Object... steps) {
        List<HandoffTransition> history = new ArrayList<>();
        history.add(new HandoffTransition(HandoffStatus.REQUESTED, requested, "SENDER", "m-0"));
        HandoffStatus status = HandoffStatus.REQUESTED;
        Instant at = requested;
        for (int i = 0; i < steps.length; i += 2) {
            status = (HandoffStatus) steps[i];
            at = (Instant) steps[i + 1];
            history.add(new HandoffTransition(status, at, "RECEIVER", "m-" + i));
        }
        return HandoffRecord.newBuilder().setHandoffId(UUID.randomUUID().toString()).setCorrelationId(UUID.randomUUID().toString())
                .setRequestMessageId("m-0").setSenderPartnerId("socialteam-heerlen").setReceiverPartnerId(receiver)
                .setPolicyId(policy).setPurpose("WORK_REINTEGRATION").setUrgency(Urgency.NORMAL)
                .setSubjectPseudonym("a3f1c2d4e5b60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90")
                .setStatus(status).setStatusSince(at).setHistory(history).setDomain(domain).build();
    }
}
