package nl.iwa.hub.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * For demonstrations only: time that runs {@code speed} times faster from the moment the hub starts, so
 * that working-day deadlines and escalations show within minutes. Never set in production.
 */
public final class AcceleratedClock extends Clock {

    private final Instant start;
    private final long startNanos;
    private final double speed;

    public AcceleratedClock(double speed) {
        this.start = Instant.now();
        this.startNanos = System.nanoTime();
        this.speed = speed;
    }

    @Override
    public Instant instant() {
        long elapsed = System.nanoTime() - startNanos;
        return start.plus(Duration.ofNanos((long) (elapsed * speed)));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the hub works in UTC instants");
    }
}
