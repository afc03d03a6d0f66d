package nl.iwa.hub.connectors.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PartnerRateLimitTest {

    private Instant now = Instant.parse("2026-03-02T09:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aBurstIsTakenThenRefusedWithTheSecondsUntilTheNextToken() {
        PartnerRateLimit limit = new PartnerRateLimit(2, 3, clock);
        for (int i = 0; i < 3; i++) {
            limit.take("gp");
        }
        assertThatThrownBy(() -> limit.take("gp")).isInstanceOfSatisfying(RequestRefused.class, r -> {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.retryAfterSeconds()).isEqualTo(1L);
        });
        // another partner is not slowed by this one
        limit.take("housing");
    }

    @Test
    void tokensComeBackAtTheRateAndNoMoreThanTheBurst() {
        PartnerRateLimit limit = new PartnerRateLimit(2, 3, clock);
        for (int i = 0; i < 3; i++) {
            limit.take("gp");
        }
        now = now.plus(Duration.ofMillis(500));
        limit.take("gp");
        assertThatThrownBy(() -> limit.take("gp")).isInstanceOf(RequestRefused.class);

        now = now.plus(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            limit.take("gp");
        }
        assertThatThrownBy(() -> limit.take("gp")).isInstanceOf(RequestRefused.class);
    }
}
