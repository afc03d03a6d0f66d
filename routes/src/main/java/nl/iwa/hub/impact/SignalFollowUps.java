package nl.iwa.hub.impact;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether a signal led to accepted help. What the hub knows of a signal is its delivery (the audit's DELIVERED
 * record: flow, receiver, case, time); what it knows of help is a handoff. A delivered signal "led to accepted
 * help" when a handoff in the same case ({@code correlationId}) is COMPLETED with HELP_ACCEPTED within
 * {@link #window} after the signal's delivery. A signal is counted once when it is delivered, as
 * NO_HELP_RECORDED; when such a handoff completes in time it moves to LED_TO_HELP (same flow, receiver kind, domain
 * and quarter: the quarter of the signal). A signal waits for that at most the window, then it is forgotten and
 * stays NO_HELP_RECORDED. The hub keeps no life domain for a signal (the audit names fields, never values), so
 * signals are counted under domain NOT_RECORDED.
 */
public final class SignalFollowUps {

    public static final String LED_TO_HELP = "LED_TO_HELP";
    public static final String NO_HELP_RECORDED = "NO_HELP_RECORDED";

    private final Duration window;

    public SignalFollowUps(Duration window) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the follow-up window must be positive");
        }
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    /** The columns of the signal table, in the order they are shown. */
    public static List<String> outcomes() {
        return List.of(LED_TO_HELP, NO_HELP_RECORDED);
    }

    /** A signal delivered in a case: where it is counted now, and what waits for a follow-up. */
    public Delivered delivered(String flow, String receiverKind, Instant at) {
        CellKey waiting = new CellKey(ImpactKind.SIGNAL, flow, receiverKind, NO_HELP_RECORDED, SettledHandoffs.NOT_RECORDED, Quarter.of(at));
        return new Delivered(Contribution.one(waiting), new PendingSignal(flow, receiverKind, at.toEpochMilli()));
    }

    /**
     * Help was accepted in the case at {@code at}: every pending signal of the case delivered at most the window
     * before moves to LED_TO_HELP; what is left still waits. A second help event finds those signals gone, so it
     * counts nothing twice.
     */
    public Matched helpAccepted(List<PendingSignal> pending, Instant at) {
        List<Contribution> moves = new ArrayList<>();
        List<PendingSignal> left = new ArrayList<>();
        for (PendingSignal s : pending) {
            Instant delivered = Instant.ofEpochMilli(s.deliveredAtMillis());
            if (!at.isBefore(delivered) && !at.isAfter(delivered.plus(window))) {
                Quarter q = Quarter.of(delivered);
                moves.add(new Contribution(new CellKey(ImpactKind.SIGNAL, s.flow(), s.receiverKind(), NO_HELP_RECORDED,
                        SettledHandoffs.NOT_RECORDED, q), -1, null));
                moves.add(Contribution.one(new CellKey(ImpactKind.SIGNAL, s.flow(), s.receiverKind(), LED_TO_HELP,
                        SettledHandoffs.NOT_RECORDED, q)));
            } else {
                left.add(s);
            }
        }
        return new Matched(List.copyOf(moves), List.copyOf(left));
    }

    /** The pending signals still inside the window at {@code now}: the rest can no longer lead to anything. */
    public List<PendingSignal> stillWaiting(List<PendingSignal> pending, Instant now) {
        return pending.stream().filter(s -> !now.isAfter(Instant.ofEpochMilli(s.deliveredAtMillis()).plus(window))).toList();
    }

    /** A delivered signal waiting for help in its case: codes and a time only. */
    public record PendingSignal(String flow, String receiverKind, long deliveredAtMillis) {
        public PendingSignal {
            Objects.requireNonNull(flow, "flow");
            Objects.requireNonNull(receiverKind, "receiverKind");
        }
    }

    public record Delivered(Contribution counted, PendingSignal pending) {
    }

    public record Matched(List<Contribution> moves, List<PendingSignal> stillPending) {
    }
}
