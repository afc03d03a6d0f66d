package nl.iwa.hub.handoff;

import static nl.iwa.hub.contract.common.HandoffStatus.ACCEPTED;
import static nl.iwa.hub.contract.common.HandoffStatus.CANCELLED;
import static nl.iwa.hub.contract.common.HandoffStatus.COMPLETED;
import static nl.iwa.hub.contract.common.HandoffStatus.DECLINED;
import static nl.iwa.hub.contract.common.HandoffStatus.DELIVERED;
import static nl.iwa.hub.contract.common.HandoffStatus.FAILED;
import static nl.iwa.hub.contract.common.HandoffStatus.IN_PROGRESS;
import static nl.iwa.hub.contract.common.HandoffStatus.RECEIVED;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import nl.iwa.hub.contract.common.HandoffStatus;

/**
 * The handoff state machine: which status may follow which, who may make the move, and what the move must carry.
 *
 * <ul>
 *   <li>REQUESTED → DELIVERED: hub (it observed the receiver's inbox consume the handoff)</li>
 *   <li>REQUESTED or DELIVERED → RECEIVED: receiver, naming who is accountable</li>
 *   <li>RECEIVED → ACCEPTED, or → DECLINED with a reason code (suggested partner optional): receiver</li>
 *   <li>ACCEPTED → IN_PROGRESS (first contact made): receiver</li>
 *   <li>IN_PROGRESS → COMPLETED with an {@link OutcomeCode}: receiver</li>
 *   <li>RECEIVED, ACCEPTED or IN_PROGRESS → FAILED with a reason code: receiver</li>
 *   <li>any non-final status → CANCELLED (reason code optional): sender</li>
 * </ul>
 *
 * <p>REQUESTED may go straight to RECEIVED because the receiver's confirmation can overtake the hub's own
 * observation of the delivery; the confirmation proves the delivery anyway. DECLINED, COMPLETED, CANCELLED and
 * FAILED are final: a handoff that has to be tried again is a new handoff, so the history of the old one stays
 * true. A same-status "transition" is rejected rather than ignored, so a duplicate update is visible to the
 * caller (which decides whether an exact redelivery is harmless).
 *
 * <p>Checks run from the structural to the specific (final status, same status, reachability, actor, details),
 * so the reason a partner gets back is the most fundamental thing wrong with its request.
 */
public final class HandoffTransitions {

    private static final Map<HandoffStatus, Set<HandoffStatus>> NEXT = new EnumMap<>(HandoffStatus.class);

    static {
        for (HandoffStatus status : HandoffStatus.values()) {
            NEXT.put(status, Collections.unmodifiableSet(successors(status)));
        }
    }

    /** Statuses that may directly follow {@code current}; empty for a final status. */
    public static Set<HandoffStatus> next(HandoffStatus current) {
        return NEXT.get(Objects.requireNonNull(current, "current"));
    }

    /** Whether nothing can follow {@code status}. */
    public static boolean isTerminal(HandoffStatus status) {
        return next(status).isEmpty();
    }

    /**
     * Whether {@code actor} may move a handoff from {@code current} to {@code next} with these details.
     *
     * @param details may be {@code null}, meaning none
     */
    public TransitionResult check(HandoffStatus current, HandoffStatus next, HandoffActor actor, TransitionDetails details) {
        if (current == null || next == null || actor == null) {
            return TransitionResult.rejected("current status, next status and actor are all required");
        }
        if (isTerminal(current)) {
            return TransitionResult.rejected("handoff is " + current + ", a final status");
        }
        if (current == next) {
            return TransitionResult.rejected("handoff is already " + current);
        }
        if (!next(current).contains(next)) {
            return TransitionResult.rejected(next + " is not reachable from " + current
                    + " (allowed next: " + next(current).stream().map(Enum::name).collect(Collectors.joining(", ")) + ")");
        }
        HandoffActor required = mover(next);
        if (actor != required) {
            return TransitionResult.notAuthorised("only the " + required.name().toLowerCase() + " may move a handoff to " + next);
        }
        return checkDetails(next, details == null ? TransitionDetails.none() : details);
    }

    // A switch rather than a table: a status added to the contract does not compile until its successors are decided.
    private static EnumSet<HandoffStatus> successors(HandoffStatus status) {
        return switch (status) {
            case REQUESTED -> EnumSet.of(DELIVERED, RECEIVED, CANCELLED);
            case DELIVERED -> EnumSet.of(RECEIVED, CANCELLED);
            case RECEIVED -> EnumSet.of(ACCEPTED, DECLINED, FAILED, CANCELLED);
            case ACCEPTED -> EnumSet.of(IN_PROGRESS, FAILED, CANCELLED);
            case IN_PROGRESS -> EnumSet.of(COMPLETED, FAILED, CANCELLED);
            case DECLINED, COMPLETED, CANCELLED, FAILED -> EnumSet.noneOf(HandoffStatus.class);
        };
    }

    // Each target status has exactly one actor who may bring it about: the hub only reports what it observed,
    // the sender can only withdraw, and everything about the actual work is the receiver's to say.
    private static HandoffActor mover(HandoffStatus next) {
        return switch (next) {
            case DELIVERED -> HandoffActor.HUB;
            case CANCELLED -> HandoffActor.SENDER;
            case RECEIVED, ACCEPTED, DECLINED, IN_PROGRESS, COMPLETED, FAILED -> HandoffActor.RECEIVER;
            // Nothing leads back to REQUESTED (the reachability check comes first); listed to keep the switch total.
            case REQUESTED -> throw new IllegalStateException("REQUESTED is never a next status");
        };
    }

    // Only presence (and, for outcomes, membership of the vocabulary) is checked; the values themselves are never
    // echoed in a reason.
    private static TransitionResult checkDetails(HandoffStatus next, TransitionDetails details) {
        return switch (next) {
            case RECEIVED -> present(details.accountable()) ? TransitionResult.ok()
                    : TransitionResult.rejected("RECEIVED needs the accountable team or professional role");
            case DECLINED, FAILED -> present(details.reasonCode()) ? TransitionResult.ok()
                    : TransitionResult.rejected(next + " needs a reasonCode");
            case COMPLETED -> OutcomeCode.isKnown(details.outcomeCode()) ? TransitionResult.ok()
                    : TransitionResult.rejected("COMPLETED needs an outcomeCode from the early-debt-signalling vocabulary");
            case REQUESTED, DELIVERED, ACCEPTED, IN_PROGRESS, CANCELLED -> TransitionResult.ok();
        };
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
