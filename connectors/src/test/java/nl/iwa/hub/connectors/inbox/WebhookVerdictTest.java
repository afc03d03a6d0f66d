package nl.iwa.hub.connectors.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import nl.iwa.hub.connectors.inbox.WebhookVerdict.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookVerdictTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @ParameterizedTest(name = "HTTP {0} → {1}")
    @CsvSource({"200,DELIVERED", "201,DELIVERED", "202,DELIVERED", "204,DELIVERED", "410,RETIRED", "400,REFUSED",
            "413,REFUSED", "415,REFUSED", "422,REFUSED", "429,RETRY", "500,RETRY", "502,RETRY", "503,RETRY", "504,RETRY",
            "401,RETRY", "403,RETRY", "404,RETRY", "408,RETRY", "301,RETRY"})
    void statusHandlingOfTheWebhookGuideline(int status, Kind kind) {
        assertThat(WebhookVerdict.of(status, null, NOW).kind()).isEqualTo(kind);
    }

    @ParameterizedTest(name = "Retry-After {0} → {1} s")
    @CsvSource(value = {"120,120", "0,0", "'Thu, 03 Dec 2026 12:05:00 GMT',300", "'Thu, 03 Dec 2026 11:00:00 GMT',0",
            "soon,", "'',"}, nullValues = "")
    void retryAfterInSecondsOrAsADate(String header, Long seconds) {
        Optional<Duration> wait = WebhookVerdict.of(429, header, NOW).retryAfter();
        assertThat(wait).isEqualTo(Optional.ofNullable(seconds).map(Duration::ofSeconds));
    }
}
