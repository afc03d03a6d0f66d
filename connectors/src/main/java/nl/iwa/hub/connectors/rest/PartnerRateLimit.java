package nl.iwa.hub.connectors.rest;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per partner: {@code burst} requests at once, refilled at {@code perSecond}. One partner's
 * runaway script slows only that partner. Hand-written because Bucket4j is not served by the registry this project
 * builds from; the arithmetic is a dozen lines and unit-tested.
 */
public final class PartnerRateLimit {

    private final double perSecond;
    private final double burst;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public PartnerRateLimit(double perSecond, int burst, Clock clock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("iwa.connectors.rest: rate-per-second must be > 0 and burst >= 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes a token for the partner; if none is left, refuses with 429 and the seconds until one is. */
    public void take(String partnerId) {
        long waitMillis = buckets.computeIfAbsent(partnerId, id -> new Bucket(burst, clock.millis())).take(clock.millis());
        if (waitMillis > 0) {
            throw new RequestRefused(429, "Too Many Requests",
                    "more than " + (long) burst + " requests at once or " + perSecond + " per second from one partner; retry later",
                    Math.max(1, (waitMillis + 999) / 1000));
        }
    }

    private final class Bucket {
        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        /** 0 if a token was taken, else the milliseconds until one is there. */
        synchronized long take(long now) {
            tokens = Math.min(burst, tokens + Math.max(0, now - at) * perSecond / 1000.0);
            at = Math.max(at, now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * 1000.0 / perSecond);
        }
    }
}
