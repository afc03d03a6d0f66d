package nl.iwa.hub.ops.demo;

import java.util.ArrayList;
import java.util.List;
import nl.iwa.hub.contract.common.HandoffStatus;

/**
 * How a receiving professional answers a handoff, as a plan of status updates: most confirm receipt, accept,
 * make contact and complete; some decline and suggest another partner; some never answer at all, so that the
 * hub's deadlines and escalations show.
 */
final class HandoffResponder {

    /** Average number of updates per handoff under {@link #plan(int)}, for rate planning. */
    static final double AVERAGE_ANSWERS = 0.15 * 0 + 0.15 * 2 + 0.70 * 4;

    record Step(HandoffStatus status, int afterSeconds, String reasonCode, String suggestedPartnerId, String outcomeCode) {
        static Step of(HandoffStatus status, int afterSeconds) {
            return new Step(status, afterSeconds, null, null, null);
        }
    }

    private HandoffResponder() {
    }

    /** @param dice uniform in [0, 100) */
    static List<Step> plan(int dice) {
        List<Step> steps = new ArrayList<>();
        if (dice >= 85) {
            return steps; // nobody picks it up
        }
        steps.add(Step.of(HandoffStatus.RECEIVED, 1));
        if (dice >= 70) {
            steps.add(new Step(HandoffStatus.DECLINED, 3, "NOT_IN_TARGET_GROUP", Partners.WI_SUPPORT, null));
            return steps;
        }
        steps.add(Step.of(HandoffStatus.ACCEPTED, 3));
        steps.add(Step.of(HandoffStatus.IN_PROGRESS, 5));
        steps.add(new Step(HandoffStatus.COMPLETED, 8, null, null, dice < 50 ? "HELP_ACCEPTED" : "NOT_REACHABLE"));
        return steps;
    }
}
