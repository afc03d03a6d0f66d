package nl.iwa.hub.handoff;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.handoff.HandoffTransition;
import nl.iwa.hub.contract.inbox.EscalationLevel;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.policy.FlowPolicy;
import nl.iwa.hub.policy.PolicyBook;

/**
 * The closed loop of a handoff: its state from REQUESTED to a final status, every change relayed to the
 * other party, deadlines from the policy in working days, and the escalation ladder when one is missed.
 * It decides only: what changed and who hears of it. The outcome writer turns that into the messages to
 * partners and the handoff's state after them; state is taken into the store only once it is written, so the
 * state write is the commit point.
 */
public final class HandoffDesk {

    private final HandoffLookup store;
    private final PartnerDirectory partners;
    private final PolicyBook policies;
    private final WorkingDayCalendar calendar;
    private final Clock clock;
    private final java.util.function.Function<String, Optional<String>> residentCoordinator;
    private final HandoffTransitions transitions = new HandoffTransitions();
    private final EscalationLadder ladder = new EscalationLadder();

    public HandoffDesk(HandoffLookup store, PartnerDirectory partners, PolicyBook policies, WorkingDayCalendar calendar,
                       Clock clock) {
        this(store, partners, policies, calendar, clock, pseudonym -> Optional.empty());
    }

    /**
     * @param residentCoordinator the partner coordinating a resident's case, by pseudonym: it gets the last step of
     *                            the escalation ladder of that resident's handoffs instead of the configured coordinators
     */
    public HandoffDesk(HandoffLookup store, PartnerDirectory partners, PolicyBook policies, WorkingDayCalendar calendar,
                       Clock clock, java.util.function.Function<String, Optional<String>> residentCoordinator) {
        this.residentCoordinator = residentCoordinator;
        this.store = store;
        this.partners = partners;
        this.policies = policies;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** A handoff request passed every gate: the handoff starts at REQUESTED, with its first deadline. */
    public HandoffRecord requested(OutboxMessage m, HandoffRequest request, FlowPolicy policy, String pseudonym) {
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
                .setDomain(request.getDomain())
                .setStatus(HandoffStatus.REQUESTED)
                .setStatusSince(now)
                .setHistory(new ArrayList<>(List.of(transition(HandoffStatus.REQUESTED, now, HandoffActor.SENDER, m.getMessageId()))))
                .build();
        scheduleNext(record, policy, now);
        return record;
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
            return Result.refused(ReasonCode.UNKNOWN_HANDOFF, "handoffId names no handoff known to the hub");
        }
        HandoffRecord record = found.get();
        HandoffActor actor = owner.equals(record.getReceiverPartnerId()) ? HandoffActor.RECEIVER
                : owner.equals(record.getSenderPartnerId()) ? HandoffActor.SENDER : null;
        if (actor == null) {
            return Result.refused(ReasonCode.NOT_AUTHORISED, "only the sender and the receiver of a handoff may update it");
        }
        TransitionDetails details = new TransitionDetails(u.getAccountable(), u.getReasonCode(), u.getSuggestedPartnerId(), u.getOutcomeCode());
        TransitionResult verdict = transitions.check(record.getStatus(), u.getStatus(), actor, details);
        if (!verdict.allowed()) {
            return Result.refused(verdict.code(), verdict.reason());
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
        return Result.accepted(new HandoffChange(record, previous, relayTo, m.getMessageId(), owner));
    }

    /** The receiver's inbox consumer has committed past the delivery: DELIVERED, observed, not assumed. */
    public HandoffChange delivered(HandoffRecord record) {
        HandoffStatus previous = record.getStatus();
        apply(record, HandoffStatus.DELIVERED, HandoffActor.HUB, null);
        return new HandoffChange(record, previous, record.getSenderPartnerId(), null, Partner.HUB);
    }

    /** Escalations now due on every open handoff, each level once, in ladder order. */
    public List<HandoffEscalation> escalations() {
        Instant now = clock.instant();
        List<HandoffEscalation> out = new ArrayList<>();
        // no ladder level is due before the deadline itself
        for (HandoffRecord record : store.dueBy(now)) {
            Set<EscalationLevel> fired = EnumSet.noneOf(EscalationLevel.class);
            record.getEscalationsFired().forEach(l -> fired.add(EscalationLevel.valueOf(l)));
            List<EscalationLevel> due = ladder.due(record.getDueAt(), now, fired, calendar);
            if (due.isEmpty()) {
                continue;
            }
            List<String> firedNow = new ArrayList<>(record.getEscalationsFired());
            List<HandoffEscalation.Notice> notices = new ArrayList<>();
            for (EscalationLevel level : due) {
                for (String target : targets(record, level)) {
                    notices.add(new HandoffEscalation.Notice(level, target));
                }
                firedNow.add(level.name());
            }
            record.setEscalationsFired(firedNow);
            out.add(new HandoffEscalation(record, List.copyOf(due), List.copyOf(notices), responsible(record)));
        }
        return out;
    }

    /** Whose step is awaited: the receiver's while it works on the handoff, the sender's otherwise. */
    private static String responsible(HandoffRecord record) {
        HandoffStatus awaited = record.getAwaitedStatus();
        return awaited == HandoffStatus.RECEIVED || awaited == HandoffStatus.ACCEPTED || awaited == HandoffStatus.IN_PROGRESS
                ? record.getReceiverPartnerId() : record.getSenderPartnerId();
    }

    private List<String> targets(HandoffRecord record, EscalationLevel level) {
        return switch (level) {
            case REMINDER_TO_RECEIVER -> List.of(record.getReceiverPartnerId());
            case NOTICE_TO_SENDER_AND_ESCALATION_CONTACT -> List.of(record.getSenderPartnerId(), record.getReceiverPartnerId());
            case NOTICE_TO_COORDINATOR -> residentCoordinator.apply(record.getSubjectPseudonym()).map(List::of)
                    .orElseGet(() -> partners.all().stream().filter(Partner::coordinator).map(Partner::id).toList());
        };
    }

    private void apply(HandoffRecord record, HandoffStatus next, HandoffActor actor, String messageId) {
        Instant now = clock.instant();
        List<HandoffTransition> history = new ArrayList<>(record.getHistory());
        history.add(transition(next, now, actor, messageId));
        record.setHistory(history);
        record.setStatus(next);
        record.setStatusSince(now);
        policies.byId(record.getPolicyId()).ifPresentOrElse(p -> scheduleNext(record, p, now), () -> clearDeadline(record));
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

    /** The outcome of an update: the change made, or why it was refused (a code, and a reason naming no values). */
    public record Result(HandoffChange change, ReasonCode code, String reason) {

        static Result accepted(HandoffChange change) {
            return new Result(change, null, null);
        }

        static Result refused(ReasonCode code, String reason) {
            return new Result(null, code, reason);
        }

        public boolean isAccepted() {
            return change != null;
        }
    }
}
