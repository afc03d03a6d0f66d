package nl.iwa.hub.connectors.inbox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What a webhook's answer means for the message, following the NL GOV webhook guideline (CloudEvents "HTTP 1.1 Web
 * Hooks for Event Delivery"): 2xx delivered; 410 Gone retires the subscription; 429 waits as long as
 * {@code Retry-After} says; 400, 413, 415 and 422 say this message will never be taken, so it goes to the dead
 * letters at once instead of blocking the partition for a day; anything else (5xx, 401/403/404 while a token or
 * route is being fixed, no answer at all) is tried again with back-off.
 */
public record WebhookVerdict(Kind kind, Optional<Duration> retryAfter) {

    public enum Kind { DELIVERED, RETIRED, REFUSED, RETRY }

    public static WebhookVerdict of(int status, String retryAfterHeader, Instant now) {
        if (status >= 200 && status < 300) {
            return new WebhookVerdict(Kind.DELIVERED, Optional.empty());
        }
        if (status == 410) {
            return new WebhookVerdict(Kind.RETIRED, Optional.empty());
        }
        if (status == 400 || status == 413 || status == 415 || status == 422) {
            return new WebhookVerdict(Kind.REFUSED, Optional.empty());
        }
        if (status == 429 || status == 503) {
            return new WebhookVerdict(Kind.RETRY, retryAfter(retryAfterHeader, now));
        }
        return new WebhookVerdict(Kind.RETRY, Optional.empty());
    }

    public static WebhookVerdict unreachable() {
        return new WebhookVerdict(Kind.RETRY, Optional.empty());
    }

    /** Delta-seconds or an HTTP date (RFC 9110 §10.2.3); nothing if absent or unreadable. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String h = header.trim();
        if (h.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(h)));
        }
        try {
            Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
