package nl.iwa.hub.handoff;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.iwa.hub.config.HubProperties.Topics;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.handoff.HandoffTransition;
import nl.iwa.hub.contract.inbox.Escalation;
import nl.iwa.hub.contract.inbox.EscalationLevel;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.inbox.StatusRelay;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.intake.Violation;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.policy.FlowPolicy;
import nl.iwa.hub.policy.PolicyBook;
import nl.iwa.hub.transport.MessageIds;
import nl.iwa.hub.transport.Outbound;

/**
 * The closed loop of a handoff: its state from REQUESTED to a final status, every change relayed to the
 * other party, deadlines from the policy in working days, and the escalation ladder when one is missed.
 * It decides and returns records to write, messages to partners first and the handoff's state after them;
 * state is taken into the store only once it is written, so the state write is the commit point.
 */
public final class HandoffDesk {

    public static final String HUB = "hub";

    private final Topics topics;
    private final HandoffStore store;
    private final PartnerDirectory partners;
    private final PolicyBook policies;
    private final WorkingDayCalendar calendar;
    private final Clock clock;
    private final HandoffTransitions transitions = new HandoffTransitions();
    private final EscalationLadder ladder = new EscalationLadder();

    public HandoffDesk(Topics topics, HandoffStore store, PartnerDirectory partners, PolicyBook policies,
                       WorkingDayCalendar calendar, Clock clock) {
        this.topics = topics;
        this.store = store;
        this.partners = partners;
        this.policies = policies;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** A handoff request was delivered: the handoff starts at REQUESTED, and the sender hears so. */
    public List<Outbound> requested(OutboxMessage m, HandoffRequest request, FlowPolicy policy, String pseudonym,
                                    Outbound delivery, List<Outbound> out) {
        Instant now = clock.instant();
        HandoffRecord record = HandoffRecord.newBuilder()
                .setHandoffId(request.getHandoffId())
                .setCorrelationId(m.getCorrelationId())
                .setRequestMessageId(m.getMessageId())
                .setSenderPartnerId(m.getSenderPartnerId())
                .setReceiverPartnerId(m.getReceiverPartnerId())
                .setPolicyId(policy.id())
                .setPurpose(policy.purpose())
                .setUrgency(request.getUrgency())
                .setSubjectPseudonym(pseudonym)
                .setStatus(HandoffStatus.REQUESTED)
                .setStatusSince(now)
                .setHistory(new ArrayList<>(List.of(transition(HandoffStatus.REQUESTED, now, HandoffActor.SENDER, m.getMessageId()))))
                .build();
        scheduleNext(record, policy, now);
        out.add(delivery.whenSent(meta -> {
            record.setDeliveredPartition(meta.partition());
            record.setDeliveredOffset(meta.offset());
        }));
        out.add(relay(record, null, record.getSenderPartnerId(), m.getMessageId(), HUB));
        out.add(state(record));
        return out;
    }

    /** Whether the handoff id is already taken, so a second request with it is refused. */
    public boolean exists(String handoffId) {
        return store.get(handoffId).isPresent();
    }

    /**
     * Whether this outbox message already changed this handoff: a record re-read after a crash, whose state
     * (written last, after the messages to partners) is already on the topic. Such a replay is skipped.
     */
    public boolean alreadyApplied(String handoffId, String messageId) {
        return store.get(handoffId)
                .map(r -> r.getHistory().stream().anyMatch(t -> messageId.equals(t.getMessageId())))
                .orElse(false);
    }

    /** A status update from the sender or the receiver, through its own outbox. */
    public Result update(String owner, OutboxMessage m, HandoffUpdate u) {
        Optional<HandoffRecord> found = store.get(u.getHandoffId());
        if (found.isEmpty()) {
            return Result.refused(new Violation(ReasonCode.UNKNOWN_HANDOFF, "handoffId names no handoff known to the hub"));
        }
        HandoffRecord record = found.get();
        HandoffActor actor = owner.equals(record.getReceiverPartnerId()) ? HandoffActor.RECEIVER
                : owner.equals(record.getSenderPartnerId()) ? HandoffActor.SENDER : null;
        if (actor == null) {
            return Result.refused(new Violation(ReasonCode.NOT_AUTHORISED, "only the sender and the receiver of a handoff may update it"));
        }
        TransitionDetails details = new TransitionDetails(u.getAccountable(), u.getReasonCode(), u.getSuggestedPartnerId(), u.getOutcomeCode());
        TransitionResult verdict = transitions.check(record.getStatus(), u.getStatus(), actor, details);
        if (!verdict.allowed()) {
            return Result.refused(new Violation(verdict.code(), verdict.reason()));
        }
        HandoffStatus previous = record.getStatus();
        apply(record, u.getStatus(), actor, m.getMessageId());
        if (u.getAccountable() != null) {
            record.setAccountable(u.getAccountable());
        }
        record.setReasonCode(u.getReasonCode());
        record.setSuggestedPartnerId(u.getSuggestedPartnerId());
        record.setOutcomeCode(u.getOutcomeCode());
        String relayTo = actor == HandoffActor.SENDER ? record.getReceiverPartnerId() : record.getSenderPartnerId();
        List<Outbound> out = new ArrayList<>();
        out.add(relay(record, previous, relayTo, m.getMessageId(), owner));
        out.add(state(record));
        return Result.accepted(record, out);
    }

    /** The receiver's inbox consumer has committed past the delivery: DELIVERED, observed, not assumed. */
    public List<Outbound> delivered(HandoffRecord record) {
        HandoffStatus previous = record.getStatus();
        apply(record, HandoffStatus.DELIVERED, HandoffActor.HUB, null);
        List<Outbound> out = new ArrayList<>();
        out.add(relay(record, previous, record.getSenderPartnerId(), null, HUB));
        out.add(state(record));
        out.add(audit(record, Decision.STATUS_CHANGED, null));
        return out;
    }

    /** Escalations now due on every open handoff, each level once, in ladder order. */
    public List<Outbound> escalations() {
        Instant now = clock.instant();
        List<Outbound> out = new ArrayList<>();
        // no ladder level is due before the deadline itself
        for (HandoffRecord record : store.openMatching(r -> r.getDueAt() != null && r.getAwaitedStatus() != null
                && !now.isBefore(r.getDueAt()))) {
            Set<EscalationLevel> fired = EnumSet.noneOf(EscalationLevel.class);
            record.getEscalationsFired().forEach(l -> fired.add(EscalationLevel.valueOf(l)));
            List<EscalationLevel> due = ladder.due(record.getDueAt(), now, fired, calendar);
            if (due.isEmpty()) {
                continue;
            }
            List<String> firedNow = new ArrayList<>(record.getEscalationsFired());
            List<Outbound> notices = new ArrayList<>();
            for (EscalationLevel level : due) {
                for (String target : targets(record, level)) {
                    notices.add(escalation(record, level, target));
                }
                firedNow.add(level.name());
            }
            record.setEscalationsFired(firedNow);
            // notices before the state that records them: a failure in between repeats a notice (with the same
            // message id, so the receiver can drop it) rather than losing one
            out.addAll(notices);
            out.add(state(record));
            out.add(audit(record, Decision.ESCALATED, "levels " + due));
        }
        return out;
    }

    private List<String> targets(HandoffRecord record, EscalationLevel level) {
        return switch (level) {
            case REMINDER_TO_RECEIVER -> List.of(record.getReceiverPartnerId());
            case NOTICE_TO_SENDER_AND_ESCALATION_CONTACT -> List.of(record.getSenderPartnerId(), record.getReceiverPartnerId());
            case NOTICE_TO_COORDINATOR -> partners.all().stream().filter(Partner::coordinator).map(Partner::id).toList();
        };
    }

    private void apply(HandoffRecord record, HandoffStatus next, HandoffActor actor, String messageId) {
        Instant now = clock.instant();
        List<HandoffTransition> history = new ArrayList<>(record.getHistory());
        history.add(transition(next, now, actor, messageId));
        record.setHistory(history);
        record.setStatus(next);
        record.setStatusSince(now);
        policies.all().stream().filter(p -> p.id().equals(record.getPolicyId())).findFirst()
                .ifPresentOrElse(p -> scheduleNext(record, p, now), () -> clearDeadline(record));
    }

    private void scheduleNext(HandoffRecord record, FlowPolicy policy, Instant enteredAt) {
        Optional<AwaitedStep> step = new HandoffDeadlines(policy.deadlines(), record.getUrgency())
                .next(record.getStatus(), enteredAt, calendar);
        record.setEscalationsFired(new ArrayList<>());
        if (step.isPresent()) {
            record.setAwaitedStatus(step.get().awaitedStatus());
            record.setDueAt(step.get().dueAt());
        } else {
            clearDeadline(record);
        }
    }

    private static void clearDeadline(HandoffRecord record) {
        record.setAwaitedStatus(null);
        record.setDueAt(null);
    }

    private static HandoffTransition transition(HandoffStatus status, Instant at, HandoffActor by, String messageId) {
        return HandoffTransition.newBuilder().setStatus(status).setAt(at).setBy(by.name()).setMessageId(messageId).build();
    }

    private Outbound state(HandoffRecord record) {
        // staged now, so the next decision in the same transaction builds on it; put once the transaction commits
        store.stage(record);
        return Outbound.avro(Outbound.Kind.HANDOFF_STATE, topics.handoffs(), record.getHandoffId(), record)
                .whenCommitted(() -> store.put(record));
    }

    private Outbound relay(HandoffRecord record, HandoffStatus previous, String to, String causationId, String origin) {
        StatusRelay body = StatusRelay.newBuilder()
                .setHandoffId(record.getHandoffId())
                .setStatus(record.getStatus())
                .setPreviousStatus(previous)
                .setAccountable(record.getAccountable())
                .setReasonCode(record.getReasonCode())
                .setSuggestedPartnerId(record.getSuggestedPartnerId())
                .setOutcomeCode(record.getOutcomeCode())
                .build();
        InboxMessage msg = inbox(record, to, "status/" + record.getStatus() + "/" + record.getHistory().size(), causationId, origin, body);
        return Outbound.avro(Outbound.Kind.STATUS_RELAY, topics.inbox(to), record.getCorrelationId(), msg);
    }

    private Outbound escalation(HandoffRecord record, EscalationLevel level, String to) {
        String responsible = record.getAwaitedStatus() == HandoffStatus.RECEIVED || record.getAwaitedStatus() == HandoffStatus.ACCEPTED
                || record.getAwaitedStatus() == HandoffStatus.IN_PROGRESS ? record.getReceiverPartnerId() : record.getSenderPartnerId();
        Escalation body = Escalation.newBuilder()
                .setHandoffId(record.getHandoffId())
                .setLevel(level)
                .setAwaitedStatus(record.getAwaitedStatus())
                .setDueAt(record.getDueAt())
                .setResponsiblePartnerId(responsible)
                .build();
        InboxMessage msg = inbox(record, to, "escalation/" + record.getAwaitedStatus() + "/" + record.getDueAt().toEpochMilli() + "/" + level,
                null, HUB, body);
        return Outbound.avro(Outbound.Kind.ESCALATION, topics.inbox(to), record.getCorrelationId(), msg);
    }

    private InboxMessage inbox(HandoffRecord record, String to, String role, String causationId, String origin, Object body) {
        // derived ids: a retried write carries the same id, so a receiver can drop the duplicate
        String id = MessageIds.derive(record.getHandoffId() + "/" + role + "/" + to);
        return InboxMessage.newBuilder()
                .setMessageId(id)
                .setCorrelationId(record.getCorrelationId())
                .setCausationId(causationId)
                .setOriginPartnerId(origin)
                .setReceiverPartnerId(to)
                .setCreatedAt(clock.instant())
                .setPurpose(record.getPurpose())
                .setPolicyId(record.getPolicyId())
                .setBody(body)
                .build();
    }

    /** An audit record for the hub's own handoff decisions (no outbox record behind them). */
    private Outbound audit(HandoffRecord record, Decision decision, String note) {
        AuditRecord a = AuditRecord.newBuilder()
                .setAuditId(UUID.randomUUID().toString())
                .setRecordedAt(clock.instant())
                .setDecision(decision)
                .setMessageId(null)
                .setCorrelationId(record.getCorrelationId())
                .setMessageType(decision == Decision.ESCALATED ? "ESCALATION" : "HANDOFF_STATUS")
                .setSenderPartnerId(record.getSenderPartnerId())
                .setReceiverPartnerId(record.getReceiverPartnerId())
                .setSubjectPseudonym(record.getSubjectPseudonym())
                .setPurpose(record.getPurpose())
                .setPolicyId(record.getPolicyId())
                .setSourceTopic(topics.handoffs())
                .setSourcePartition(-1)
                .setSourceOffset(-1)
                .setDetail(note == null ? "status " + record.getStatus() : note)
                .setPreviousHash("")
                .setHash("")
                .build();
        return Outbound.avro(Outbound.Kind.AUDIT, topics.audit(), null, a);
    }

    /** The outcome of an update: the records to write, or why it was refused. */
    public record Result(HandoffRecord record, List<Outbound> outbound, Violation violation) {

        static Result accepted(HandoffRecord record, List<Outbound> outbound) {
            return new Result(record, outbound, null);
        }

        static Result refused(Violation violation) {
            return new Result(null, List.of(), violation);
        }

        public boolean isAccepted() {
            return violation == null;
        }
    }
}
