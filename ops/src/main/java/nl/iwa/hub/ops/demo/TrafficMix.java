package nl.iwa.hub.ops.demo;

import java.util.List;

/** Picks the next case by the scenarios' weights, and says how many outbox messages a case costs on average. */
public final class TrafficMix {

    /** Handoff answers per delivered handoff, on average; see {@link HandoffResponder}. */
    static final double ANSWERS_PER_HANDOFF = HandoffResponder.AVERAGE_ANSWERS;

    private final List<Scenario> scenarios;
    private final int total;

    public TrafficMix(List<Scenario> scenarios) {
        this.scenarios = List.copyOf(scenarios);
        this.total = scenarios.stream().mapToInt(Scenario::weight).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("no scenario has a weight");
        }
    }

    public static TrafficMix standard() {
        return new TrafficMix(List.of(Scenario.values()));
    }

    public int totalWeight() {
        return total;
    }

    /** @param dice uniform in [0, totalWeight()) */
    public Scenario pick(int dice) {
        if (dice < 0 || dice >= total) {
            throw new IllegalArgumentException("dice " + dice + " outside [0, " + total + ")");
        }
        int upTo = 0;
        for (Scenario s : scenarios) {
            upTo += s.weight();
            if (dice < upTo) {
                return s;
            }
        }
        throw new AssertionError("unreachable");
    }

    /**
     * Outbox messages per case on average: the message itself, the consent recorded before it, the withdrawal,
     * the receivers' answers to delivered handoffs, and a household circle's further messages. The demo divides the requested message rate by this
     * to get its case rate, so that {@code --rate} means messages per second.
     */
    public double averageMessagesPerCase() {
        double messages = 0;
        for (Scenario s : scenarios) {
            double perCase = 1;
            if (s.recordsConsent()) {
                perCase += 1;
            }
            if (s == Scenario.PSYCHOSOCIAL_THEN_WITHDRAWN) {
                perCase += 1;
            }
            if (s == Scenario.HOUSEHOLD_CIRCLE) {
                perCase += 3 + ANSWERS_PER_HANDOFF; // the GP's consent and handoff (answered), the coordination claim
            }
            if (s.kind() == Scenario.Kind.HANDOFF && Flow.DELIVERED.equals(s.expected())) {
                perCase += ANSWERS_PER_HANDOFF;
            }
            messages += perCase * s.weight();
        }
        return messages / total;
    }
}
