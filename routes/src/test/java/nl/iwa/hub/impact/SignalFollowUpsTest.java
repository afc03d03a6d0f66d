package nl.iwa.hub.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalFollowUpsTest {

    static final Instant DELIVERED = Instant.parse("2026-03-30T10:00:00Z");
    final SignalFollowUps followUps = new SignalFollowUps(Duration.ofDays(182));

    @Test
    void aDeliveredSignalCountsAsNoHelpRecordedUntilHelpIsAcceptedInItsCaseThenMovesInItsOwnQuarter() {
        SignalFollowUps.Delivered d = followUps.delivered("huur-sociaal", "SOCIAL_TEAM", DELIVERED);
        CellKey waiting = new CellKey(ImpactKind.SIGNAL, "huur-sociaal", "SOCIAL_TEAM", "NO_HELP_RECORDED", "NOT_RECORDED", new Quarter(2026, 1));
        assertThat(d.counted()).isEqualTo(Contribution.one(waiting));

        // help accepted in the next quarter: the signal still counts in the quarter it was delivered
        SignalFollowUps.Matched m = followUps.helpAccepted(List.of(d.pending()), DELIVERED.plus(Duration.ofDays(20)));

        assertThat(m.moves()).containsExactly(new Contribution(waiting, -1, null),
                Contribution.one(new CellKey(ImpactKind.SIGNAL, "huur-sociaal", "SOCIAL_TEAM", "LED_TO_HELP", "NOT_RECORDED", new Quarter(2026, 1))));
        assertThat(m.stillPending()).isEmpty();
        // a second help event in the case finds nothing left to move
        assertThat(followUps.helpAccepted(m.stillPending(), DELIVERED.plus(Duration.ofDays(21))).moves()).isEmpty();
    }

    @Test
    void helpBeforeTheSignalOrAfterTheWindowIsNoFollowUp() {
        SignalFollowUps.PendingSignal s = followUps.delivered("f", "UWV", DELIVERED).pending();

        assertThat(followUps.helpAccepted(List.of(s), DELIVERED.minusSeconds(1)).moves()).isEmpty();
        assertThat(followUps.helpAccepted(List.of(s), DELIVERED.plus(Duration.ofDays(182)).plusSeconds(1)).moves()).isEmpty();
        assertThat(followUps.helpAccepted(List.of(s), DELIVERED.plus(Duration.ofDays(182))).moves()).hasSize(2);
    }

    @Test
    void signalsPastTheWindowAreForgotten() {
        SignalFollowUps.PendingSignal old = followUps.delivered("f", "UWV", DELIVERED).pending();
        SignalFollowUps.PendingSignal recent = followUps.delivered("f", "UWV", DELIVERED.plus(Duration.ofDays(100))).pending();

        assertThat(followUps.stillWaiting(List.of(old, recent), DELIVERED.plus(Duration.ofDays(200)))).containsExactly(recent);
    }

    @Test
    void aWindowMustBePositive() {
        assertThatThrownBy(() -> new SignalFollowUps(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
