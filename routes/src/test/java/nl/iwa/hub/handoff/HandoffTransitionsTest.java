package nl.iwa.hub.handoff;

import static nl.iwa.hub.contract.common.HandoffStatus.ACCEPTED;
import static nl.iwa.hub.contract.common.HandoffStatus.CANCELLED;
import static nl.iwa.hub.contract.common.HandoffStatus.COMPLETED;
import static nl.iwa.hub.contract.common.HandoffStatus.DECLINED;
import static nl.iwa.hub.contract.common.HandoffStatus.DELIVERED;
import static nl.iwa.hub.contract.common.HandoffStatus.FAILED;
import static nl.iwa.hub.contract.common.HandoffStatus.IN_PROGRESS;
import static nl.iwa.hub.contract.common.HandoffStatus.RECEIVED;
import static nl.iwa.hub.contract.common.HandoffStatus.REQUESTED;
import static nl.iwa.hub.handoff.HandoffActor.HUB;
import static nl.iwa.hub.handoff.HandoffActor.RECEIVER;
import static nl.iwa.hub.handoff.HandoffActor.SENDER;
import static nl.iwa.hub.contract.common.ReasonCode.ILLEGAL_TRANSITION;
import static nl.iwa.hub.contract.common.ReasonCode.NOT_AUTHORISED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The handoff state machine: every (current, next, actor) triple, then what each transition must carry. */
class HandoffTransitionsTest {

    /** The design's lifecycle, written out by hand; everything not listed here must be rejected. */
    static final Set<String> ALLOWED = Set.of(
            "REQUESTED->DELIVERED by HUB",
            "REQUESTED->RECEIVED by RECEIVER",
            "REQUESTED->CANCELLED by SENDER",
            "DELIVERED->RECEIVED by RECEIVER",
            "DELIVERED->CANCELLED by SENDER",
            "RECEIVED->ACCEPTED by RECEIVER",
            "RECEIVED->DECLINED by RECEIVER",
            "RECEIVED->FAILED by RECEIVER",
            "RECEIVED->CANCELLED by SENDER",
            "ACCEPTED->IN_PROGRESS by RECEIVER",
            "ACCEPTED->FAILED by RECEIVER",
            "ACCEPTED->CANCELLED by SENDER",
            "IN_PROGRESS->COMPLETED by RECEIVER",
            "IN_PROGRESS->FAILED by RECEIVER",
            "IN_PROGRESS->CANCELLED by SENDER");

    /** Every detail present and valid, so only status and actor decide; the values must never show in a reason. */
    static final TransitionDetails FULL = new TransitionDetails("team-schuldhulp-noord", "RESIDENT_UNREACHABLE",
            "wijkteam-zuid", "HELP_ACCEPTED");

    final HandoffTransitions transitions = new HandoffTransitions();

    static Stream<Arguments> everyTriple() {
        List<Arguments> all = new ArrayList<>();
        for (HandoffStatus current : HandoffStatus.values()) {
            for (HandoffStatus next : HandoffStatus.values()) {
                for (HandoffActor actor : HandoffActor.values()) {
                    all.add(Arguments.of(current, next, actor,
                            ALLOWED.contains(current + "->" + next + " by " + actor)));
                }
            }
        }
        return all.stream();
    }

    @Test
    void theTableCoversNineByNineByThree() {
        assertThat(everyTriple()).hasSize(243);
        assertThat(everyTriple().filter(a -> (boolean) a.get()[3])).hasSize(ALLOWED.size());
    }

    @ParameterizedTest(name = "{0} -> {1} by {2}: allowed={3}")
    @MethodSource("everyTriple")
    void allowsExactlyTheLifecycle(HandoffStatus current, HandoffStatus next, HandoffActor actor, boolean allowed) {
        TransitionResult result = transitions.check(current, next, actor, FULL);

        assertThat(result.allowed()).isEqualTo(allowed);
        if (allowed) {
            assertThat(result.reason()).isNull();
        } else {
            assertThat(result.reason())
                    .isNotBlank()
                    .doesNotContain(FULL.accountable(), FULL.reasonCode(), FULL.suggestedPartnerId(), FULL.outcomeCode());
        }
    }

    static Stream<Arguments> reasons() {
        return Stream.of(
                Arguments.of(RECEIVED, ACCEPTED, SENDER, NOT_AUTHORISED, "only the receiver may move a handoff to ACCEPTED"),
                Arguments.of(REQUESTED, DELIVERED, RECEIVER, NOT_AUTHORISED, "only the hub may move a handoff to DELIVERED"),
                Arguments.of(ACCEPTED, CANCELLED, RECEIVER, NOT_AUTHORISED, "only the sender may move a handoff to CANCELLED"),
                Arguments.of(REQUESTED, ACCEPTED, RECEIVER, ILLEGAL_TRANSITION,
                        "ACCEPTED is not reachable from REQUESTED (allowed next: DELIVERED, RECEIVED, CANCELLED)"),
                Arguments.of(DELIVERED, REQUESTED, HUB, ILLEGAL_TRANSITION,
                        "REQUESTED is not reachable from DELIVERED (allowed next: RECEIVED, CANCELLED)"),
                Arguments.of(ACCEPTED, COMPLETED, RECEIVER, ILLEGAL_TRANSITION,
                        "COMPLETED is not reachable from ACCEPTED (allowed next: IN_PROGRESS, CANCELLED, FAILED)"),
                Arguments.of(COMPLETED, CANCELLED, SENDER, ILLEGAL_TRANSITION, "handoff is COMPLETED, a final status"),
                Arguments.of(COMPLETED, COMPLETED, RECEIVER, ILLEGAL_TRANSITION, "handoff is COMPLETED, a final status"),
                Arguments.of(DECLINED, ACCEPTED, RECEIVER, ILLEGAL_TRANSITION, "handoff is DECLINED, a final status"),
                Arguments.of(IN_PROGRESS, IN_PROGRESS, RECEIVER, ILLEGAL_TRANSITION, "handoff is already IN_PROGRESS"));
    }

    @ParameterizedTest(name = "{0} -> {1} by {2}")
    @MethodSource("reasons")
    void rejectsWithAReasonMadeOfCodes(HandoffStatus current, HandoffStatus next, HandoffActor actor, ReasonCode code,
                                       String reason) {
        assertThat(transitions.check(current, next, actor, FULL)).isEqualTo(new TransitionResult(false, code, reason));
    }

    static Stream<Arguments> details() {
        return Stream.of(
                Arguments.of("receipt names the accountable team", DELIVERED, RECEIVED, TransitionDetails.received("team-noord"), null),
                Arguments.of("receipt without accountable", DELIVERED, RECEIVED, TransitionDetails.none(),
                        "RECEIVED needs the accountable team or professional role"),
                Arguments.of("receipt with a blank accountable", REQUESTED, RECEIVED, TransitionDetails.received("  "),
                        "RECEIVED needs the accountable team or professional role"),
                Arguments.of("receipt without any details object", DELIVERED, RECEIVED, null,
                        "RECEIVED needs the accountable team or professional role"),
                Arguments.of("decline with reason and suggestion", RECEIVED, DECLINED, TransitionDetails.declined("OUT_OF_AREA", "wijkteam-zuid"), null),
                Arguments.of("decline with reason only", RECEIVED, DECLINED, TransitionDetails.declined("NO_CAPACITY", null), null),
                Arguments.of("decline without reason", RECEIVED, DECLINED, TransitionDetails.declined(null, "wijkteam-zuid"),
                        "DECLINED needs a reasonCode"),
                Arguments.of("completion with a known outcome", IN_PROGRESS, COMPLETED, TransitionDetails.completed("NOT_REACHABLE"), null),
                Arguments.of("completion without outcome", IN_PROGRESS, COMPLETED, TransitionDetails.none(),
                        "COMPLETED needs an outcomeCode from the early-debt-signalling vocabulary"),
                Arguments.of("completion with an unknown outcome", IN_PROGRESS, COMPLETED, TransitionDetails.completed("ALL_GOOD"),
                        "COMPLETED needs an outcomeCode from the early-debt-signalling vocabulary"),
                Arguments.of("completion with a miscased outcome", IN_PROGRESS, COMPLETED, TransitionDetails.completed("help_accepted"),
                        "COMPLETED needs an outcomeCode from the early-debt-signalling vocabulary"),
                Arguments.of("failure with reason", ACCEPTED, FAILED, TransitionDetails.reason("RESIDENT_UNREACHABLE"), null),
                Arguments.of("failure without reason", IN_PROGRESS, FAILED, TransitionDetails.none(), "FAILED needs a reasonCode"),
                Arguments.of("failure with a blank reason", RECEIVED, FAILED, TransitionDetails.reason(""), "FAILED needs a reasonCode"),
                Arguments.of("acceptance needs nothing", RECEIVED, ACCEPTED, TransitionDetails.none(), null),
                Arguments.of("first contact needs nothing", ACCEPTED, IN_PROGRESS, null, null),
                Arguments.of("delivery needs nothing", REQUESTED, DELIVERED, TransitionDetails.none(), null),
                Arguments.of("cancellation without reason", DELIVERED, CANCELLED, TransitionDetails.none(), null),
                Arguments.of("cancellation with reason", IN_PROGRESS, CANCELLED, TransitionDetails.reason("SITUATION_RESOLVED"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("details")
    void requiresTheDetailsEachTransitionCarries(String name, HandoffStatus current, HandoffStatus next,
                                                 TransitionDetails details, String reason) {
        HandoffActor actor = next == DELIVERED ? HUB : next == CANCELLED ? SENDER : RECEIVER;

        TransitionResult result = transitions.check(current, next, actor, details);

        assertThat(result).isEqualTo(reason == null ? TransitionResult.ok() : TransitionResult.rejected(reason));
    }

    @Test
    void structureComesBeforeActorAndActorBeforeDetails() {
        // Given a sender trying to complete a handoff that is not in progress, with no outcome
        TransitionResult unreachable = transitions.check(ACCEPTED, COMPLETED, SENDER, TransitionDetails.none());
        // and a sender trying to complete one that is in progress, with no outcome
        TransitionResult wrongActor = transitions.check(IN_PROGRESS, COMPLETED, SENDER, TransitionDetails.none());

        // Then the most fundamental fault is the one reported
        assertThat(unreachable.reason()).startsWith("COMPLETED is not reachable from ACCEPTED");
        assertThat(wrongActor.reason()).isEqualTo("only the receiver may move a handoff to COMPLETED");
        assertThat(unreachable.code()).isEqualTo(ILLEGAL_TRANSITION);
        assertThat(wrongActor.code()).isEqualTo(NOT_AUTHORISED);
    }

    @Test
    void rejectsMissingStatusOrActor() {
        assertThat(transitions.check(null, RECEIVED, RECEIVER, FULL).allowed()).isFalse();
        assertThat(transitions.check(DELIVERED, null, RECEIVER, FULL).allowed()).isFalse();
        assertThat(transitions.check(DELIVERED, RECEIVED, null, FULL).allowed()).isFalse();
    }

    @Test
    void nextAndIsTerminalDescribeTheSameMachine() {
        assertThat(HandoffTransitions.next(REQUESTED)).containsExactly(DELIVERED, RECEIVED, CANCELLED);
        assertThat(HandoffTransitions.next(DELIVERED)).containsExactly(RECEIVED, CANCELLED);
        assertThat(HandoffTransitions.next(RECEIVED)).containsExactly(ACCEPTED, DECLINED, CANCELLED, FAILED);
        assertThat(HandoffTransitions.next(ACCEPTED)).containsExactly(IN_PROGRESS, CANCELLED, FAILED);
        assertThat(HandoffTransitions.next(IN_PROGRESS)).containsExactly(COMPLETED, CANCELLED, FAILED);
        assertThat(EnumSet.allOf(HandoffStatus.class)).filteredOn(HandoffTransitions::isTerminal)
                .containsExactly(DECLINED, COMPLETED, CANCELLED, FAILED);
    }

    @ParameterizedTest
    @EnumSource(HandoffStatus.class)
    void nextCannotBeModified(HandoffStatus status) {
        Set<HandoffStatus> next = HandoffTransitions.next(status);

        assertThatThrownBy(() -> next.add(CANCELLED))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
