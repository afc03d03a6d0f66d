package nl.iwa.hub.impact;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.handoff.HandoffTransition;
import nl.iwa.hub.handoff.EscalationLadder;
import nl.iwa.hub.handoff.HandoffDeadlines;
import nl.iwa.hub.handoff.HandoffTransitions;
import nl.iwa.hub.handoff.OutcomeCode;
import nl.iwa.hub.handoff.WorkingDayCalendar;
import nl.iwa.hub.policy.Deadlines;

/**
 * What a settled handoff counts as. A handoff settles when it reaches a final status (DECLINED, COMPLETED,
 * CANCELLED, FAILED); it is counted in the quarter of that last transition, under its flow (policy id), the
 * receiver's partner kind, its life domain and its outcome:
 * <ul>
 *   <li>COMPLETED: {@code COMPLETED_<outcome code>} (HELP_ACCEPTED, NOT_REACHABLE, ...)</li>
 *   <li>DECLINED: DECLINED</li>
 *   <li>CANCELLED or FAILED: EXPIRED if it ended at or after the moment the last escalation level for the step it
 *       was waiting for fell due (the whole ladder had run out without the awaited status), else CANCELLED or
 *       FAILED</li>
 * </ul>
 * The time to first contact is the time from REQUESTED to the first IN_PROGRESS in the history, for handoffs that
 * got that far. Pure: the hub's own deadline and ladder rules decide "expired", so the figures and the escalations
 * cannot disagree.
 */
public final class SettledHandoffs {

    public static final String DECLINED = "DECLINED";
    public static final String CANCELLED = "CANCELLED";
    public static final String FAILED = "FAILED";
    public static final String EXPIRED = "EXPIRED";
    public static final String COMPLETED_PREFIX = "COMPLETED_";
    public static final String UNKNOWN = "UNKNOWN";
    public static final String NOT_RECORDED = "NOT_RECORDED";

    private final Function<String, Optional<String>> receiverKind;
    private final Function<String, Optional<Deadlines>> deadlinesOfPolicy;
    private final WorkingDayCalendar calendar;

    /**
     * @param receiverKind      a partner's kind by its id (empty for a partner no longer configured)
     * @param deadlinesOfPolicy a policy's deadlines by its id (empty for a policy no longer configured: then
     *                          nothing counts as expired, since no ladder can be shown to have run out)
     */
    public SettledHandoffs(Function<String, Optional<String>> receiverKind, Function<String, Optional<Deadlines>> deadlinesOfPolicy,
                           WorkingDayCalendar calendar) {
        this.receiverKind = receiverKind;
        this.deadlinesOfPolicy = deadlinesOfPolicy;
        this.calendar = calendar;
    }

    /** The columns of the handoff table, in the order they are shown. */
    public static List<String> outcomes() {
        List<String> out = new java.util.ArrayList<>();
        for (OutcomeCode code : OutcomeCode.values()) {
            out.add(COMPLETED_PREFIX + code.name());
        }
        out.addAll(List.of(DECLINED, CANCELLED, FAILED, EXPIRED));
        return List.copyOf(out);
    }

    /** Whether the record is in a final status, i.e. the handoff has settled. */
    public static boolean isSettled(HandoffRecord r) {
        return r.getStatus() != null && HandoffTransitions.isTerminal(r.getStatus());
    }

    /** When it settled: the last transition of its history (its statusSince if the history is empty). */
    public static Instant settledAt(HandoffRecord r) {
        List<HandoffTransition> h = r.getHistory();
        return h.isEmpty() ? r.getStatusSince() : h.get(h.size() - 1).getAt();
    }

    /** The contribution of a settled handoff; empty for one that has not settled. */
    public Optional<Contribution> contribution(HandoffRecord r) {
        if (!isSettled(r)) {
            return Optional.empty();
        }
        Instant settled = settledAt(r);
        CellKey cell = new CellKey(ImpactKind.HANDOFF, r.getPolicyId(),
                receiverKind.apply(r.getReceiverPartnerId()).orElse(UNKNOWN), outcome(r),
                r.getDomain() == null ? NOT_RECORDED : r.getDomain().name(), Quarter.of(settled));
        return Optional.of(new Contribution(cell, 1, firstContactHours(r).orElse(null)));
    }

    String outcome(HandoffRecord r) {
        return switch (r.getStatus()) {
            case COMPLETED -> COMPLETED_PREFIX + (OutcomeCode.isKnown(r.getOutcomeCode()) ? r.getOutcomeCode() : UNKNOWN);
            case DECLINED -> DECLINED;
            case CANCELLED -> expired(r) ? EXPIRED : CANCELLED;
            case FAILED -> expired(r) ? EXPIRED : FAILED;
            default -> throw new IllegalArgumentException("not a final status");
        };
    }

    /** Whole hours from REQUESTED to the first IN_PROGRESS, when the handoff got that far. */
    static Optional<Long> firstContactHours(HandoffRecord r) {
        List<HandoffTransition> h = r.getHistory();
        if (h.isEmpty()) {
            return Optional.empty();
        }
        Instant requested = h.get(0).getAt();
        return h.stream().filter(t -> t.getStatus() == HandoffStatus.IN_PROGRESS).findFirst()
                .map(t -> Math.max(0, Duration.between(requested, t.getAt()).toHours()));
    }

    /**
     * Whether the handoff ended (cancelled or failed) only after the escalation ladder for the step it awaited had
     * run out: the status it had before the end, entered at time t, had a deadline d from the policy and urgency,
     * and the end came at or after d plus the ladder's last level.
     */
    boolean expired(HandoffRecord r) {
        List<HandoffTransition> h = r.getHistory();
        if (h.size() < 2) {
            return false;
        }
        HandoffTransition before = h.get(h.size() - 2);
        Instant end = h.get(h.size() - 1).getAt();
        return deadlinesOfPolicy.apply(r.getPolicyId())
                .flatMap(d -> new HandoffDeadlines(d, r.getUrgency()).next(before.getStatus(), before.getAt(), calendar))
                .map(step -> !end.isBefore(calendar.plusWorkingDays(step.dueAt(), EscalationLadder.lastLevelWorkingDaysAfterDeadline())))
                .orElse(false);
    }

    /** Whether this state shows help accepted: COMPLETED with HELP_ACCEPTED (what a signal's follow-up looks for). */
    public static boolean helpAccepted(HandoffRecord r) {
        return r.getStatus() == HandoffStatus.COMPLETED && OutcomeCode.HELP_ACCEPTED.name().equals(r.getOutcomeCode());
    }
}
