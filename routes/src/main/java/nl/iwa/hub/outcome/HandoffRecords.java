package nl.iwa.hub.outcome;

import java.util.ArrayList;
import java.util.List;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.inbox.Escalation;
import nl.iwa.hub.contract.inbox.StatusRelay;
import nl.iwa.hub.handoff.HandoffChange;
import nl.iwa.hub.handoff.HandoffEscalation;
import nl.iwa.hub.handoff.HandoffState;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.transport.Outbound;

/**
 * The records of a handoff's moves: the relay to the other party or the escalation notices first, the
 * handoff's state after them (staged at once, put once its transaction commits: the state write is the commit
 * point), and for the hub's own moves their audit record.
 */
final class HandoffRecords {

    private final Topics topics;
    private final HandoffState store;
    private final InboxMessages inbox;
    private final AuditRecords audit;

    HandoffRecords(Topics topics, HandoffState store, InboxMessages inbox, AuditRecords audit) {
        this.topics = topics;
        this.store = store;
        this.inbox = inbox;
        this.audit = audit;
    }

    /** The other party hears of the move, then the handoff's state is written. */
    List<Outbound> changed(HandoffChange c) {
        HandoffRecord record = c.record();
        StatusRelay body = StatusRelay.newBuilder()
                .setHandoffId(record.getHandoffId())
                .setStatus(record.getStatus())
                .setPreviousStatus(c.previous())
                .setAccountable(record.getAccountable())
                .setReasonCode(record.getReasonCode())
                .setSuggestedPartnerId(record.getSuggestedPartnerId())
                .setOutcomeCode(record.getOutcomeCode())
                .build();
        String role = "status/" + record.getStatus() + "/" + record.getHistory().size();
        return List.of(Outbound.avro(Outbound.Kind.STATUS_RELAY, topics.inbox(c.relayTo()), record.getCorrelationId(),
                        inbox.aboutHandoff(record, c.relayTo(), role, c.causationId(), c.origin(), body)),
                state(record));
    }

    /** A move the hub observed itself (a delivery): no outbox record behind it, so it is audited here. */
    List<Outbound> observed(HandoffChange c) {
        List<Outbound> out = new ArrayList<>(changed(c));
        out.add(audit.out(topics, audit.handoff(c.record(), Decision.STATUS_CHANGED, topics.handoffs(), null)));
        return out;
    }

    /**
     * A missed deadline. The notices come before the state that records them: a failure in between repeats a
     * notice (with the same message id, so the receiver can drop it) rather than losing one.
     */
    List<Outbound> escalated(HandoffEscalation e) {
        HandoffRecord record = e.record();
        List<Outbound> out = new ArrayList<>();
        for (HandoffEscalation.Notice notice : e.notices()) {
            Escalation body = Escalation.newBuilder()
                    .setHandoffId(record.getHandoffId())
                    .setLevel(notice.level())
                    .setAwaitedStatus(record.getAwaitedStatus())
                    .setDueAt(record.getDueAt())
                    .setResponsiblePartnerId(e.responsible())
                    .build();
            String role = "escalation/" + record.getAwaitedStatus() + "/" + record.getDueAt().toEpochMilli() + "/" + notice.level();
            out.add(Outbound.avro(Outbound.Kind.ESCALATION, topics.inbox(notice.to()), record.getCorrelationId(),
                    inbox.aboutHandoff(record, notice.to(), role, null, Partner.HUB, body)));
        }
        out.add(state(record));
        out.add(audit.out(topics, audit.handoff(record, Decision.ESCALATED, topics.handoffs(), "levels " + e.levels())));
        return out;
    }

    /** A settled handoff leaves the working state: a tombstone on the compacted topic, forgotten once that committed. */
    Outbound retired(HandoffRecord record) {
        return Outbound.raw(Outbound.Kind.HANDOFF_STATE, topics.handoffs(), record.getHandoffId(), null)
                .whenCommitted(() -> store.remove(record.getHandoffId()));
    }

    private Outbound state(HandoffRecord record) {
        // staged now, so the next decision in the same transaction builds on it; put once the transaction commits
        store.stage(record);
        return Outbound.avro(Outbound.Kind.HANDOFF_STATE, topics.handoffs(), record.getHandoffId(), record)
                .whenCommitted(() -> store.put(record));
    }
}
