package nl.iwa.hub.handoff;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How a completed handoff ended, after the outcome vocabulary of the national early-debt-signalling
 * (vroegsignalering schulden) data standard, so that the hub's figures can be reported in the same terms as the
 * municipalities' own monitoring. A handoff that could not be carried out at all ends as FAILED with a reason
 * code instead; these codes describe what happened once contact was made (or attempted as part of the work).
 */
public enum OutcomeCode {
    /** The resident accepted the help that was offered. */
    HELP_ACCEPTED,
    /** The resident was reached but declined the help that was offered. */
    HELP_DECLINED,
    /** The resident could not be reached despite the required contact attempts. */
    NOT_REACHABLE,
    /** Contact was made and no (debt) problem requiring help was found. */
    NO_PROBLEM_FOUND,
    /** The resident was referred to another organisation better placed to help. */
    REFERRED_ELSEWHERE,
    /** The resident already receives help for this problem from a care or debt-relief provider. */
    ALREADY_IN_CARE,
    /** The problem that led to the signal was solved, e.g. the arrears were paid. */
    PROBLEM_SOLVED,
    /** The resident moved out of the municipality, so the handoff can no longer be carried out here. */
    MOVED_AWAY,
    /** The resident died. */
    DECEASED;

    private static final Set<String> NAMES = Stream.of(values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    /**
     * Whether {@code code} is one of these codes, spelled exactly (codes are canonical, so "help_accepted" is not
     * accepted: a partner sending it has a mapping error that should surface, not be papered over).
     */
    public static boolean isKnown(String code) {
        return code != null && NAMES.contains(code);
    }
}
