package nl.iwa.hub.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Outcome codes are recognised only as spelled in the vocabulary. */
class OutcomeCodeTest {

    @ParameterizedTest
    @EnumSource(OutcomeCode.class)
    void everyCodeIsKnown(OutcomeCode code) {
        assertThat(OutcomeCode.isKnown(code.name())).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"help_accepted", " HELP_ACCEPTED", "HELP_ACCEPTED ", "UNKNOWN", "RESIDENT_UNREACHABLE"})
    void anythingElseIsNot(String code) {
        assertThat(OutcomeCode.isKnown(code)).isFalse();
    }

    @Test
    void theVocabularyIsTheAgreedOne() {
        assertThat(OutcomeCode.values()).extracting(Enum::name).containsExactly("HELP_ACCEPTED", "HELP_DECLINED",
                "NOT_REACHABLE", "NO_PROBLEM_FOUND", "REFERRED_ELSEWHERE", "ALREADY_IN_CARE", "PROBLEM_SOLVED",
                "MOVED_AWAY", "DECEASED");
    }
}
