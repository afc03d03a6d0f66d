package nl.iwa.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.handoff.ListedHandoffs;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

class HandoffQueryControllerTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final ListedHandoffs handoffs = new ListedHandoffs();
    private final HandoffQueryController controller = new HandoffQueryController(handoffs, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void listsTheSoonestDueFirstAndNoMoreThanTheLimit() {
        HandoffRecord later = handoffs.add("uwv", HandoffStatus.RECEIVED, NOW.plusSeconds(3600));
        HandoffRecord undated = handoffs.add("uwv", HandoffStatus.REQUESTED, null);
        HandoffRecord overdue = handoffs.add("uwv", HandoffStatus.REQUESTED, NOW.minusSeconds(60));
        HandoffRecord soon = handoffs.add("housing", HandoffStatus.RECEIVED, NOW.plusSeconds(60));

        assertThat(controller.open(null, null, false, 500)).extracting(HandoffQueryController.Summary::handoffId)
                .containsExactly(overdue.getHandoffId(), soon.getHandoffId(), later.getHandoffId(), undated.getHandoffId());
        assertThat(controller.open(null, null, false, 2)).extracting(HandoffQueryController.Summary::handoffId)
                .containsExactly(overdue.getHandoffId(), soon.getHandoffId());
    }

    @Test
    void filtersCombine() {
        HandoffRecord overdue = handoffs.add("uwv", HandoffStatus.REQUESTED, NOW.minusSeconds(60));
        handoffs.add("uwv", HandoffStatus.RECEIVED, NOW.minusSeconds(60));
        handoffs.add("uwv", HandoffStatus.REQUESTED, NOW.plusSeconds(60));
        handoffs.add("housing", HandoffStatus.REQUESTED, NOW.minusSeconds(60));

        assertThat(controller.open("uwv", "requested", true, 500)).extracting(HandoffQueryController.Summary::handoffId)
                .containsExactly(overdue.getHandoffId());
    }

    @Test
    void theDigestCountsEveryOpenHandoffButListsOnlyTheSoonestDue() {
        for (int i = 0; i < 30; i++) {
            handoffs.add("uwv", HandoffStatus.REQUESTED, NOW.plusSeconds(i - 10));
        }
        handoffs.add("housing", HandoffStatus.RECEIVED, null);

        HandoffQueryController.Digest digest = controller.digest(5);

        assertThat(digest.open()).isEqualTo(31);
        assertThat(digest.counts()).containsExactly(
                new HandoffQueryController.Count("housing", HandoffStatus.RECEIVED, 1, 0),
                new HandoffQueryController.Count("uwv", HandoffStatus.REQUESTED, 30, 11));
        assertThat(digest.soonestDue()).hasSize(5).allMatch(HandoffQueryController.Summary::overdue);
        assertThat(digest.soonestDue().get(0).dueAt()).isEqualTo(NOW.minusSeconds(10));
    }

    @Test
    void aLimitOutsideItsRangeIsABadRequest() {
        for (int limit : List.of(0, -1, HandoffQueryController.MAX_LIMIT + 1)) {
            assertThatThrownBy(() -> controller.open(null, null, false, limit)).isInstanceOfSatisfying(ResponseStatusException.class,
                    e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
        }
    }

    @Test
    void anOverviewStillRestoringIsServiceUnavailableNotAnEmptyList() {
        handoffs.add("uwv", HandoffStatus.REQUESTED, null);
        handoffs.restoring = true;
        assertThatThrownBy(() -> controller.open(null, null, false, 500)).isInstanceOfSatisfying(ResponseStatusException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        assertThatThrownBy(() -> controller.digest(500)).isInstanceOfSatisfying(ResponseStatusException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
    }
}
