package nl.iwa.hub.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * For demonstrations only: time that runs {@code speed} times faster from an epoch, so that working-day deadlines and
 * escalations show within minutes. Never set in production. The epoch is the moment the hub starts, unless given
 * ({@code iwa.clock.epoch}): hubs that share one epoch share one time, however far apart they started, so what one
 * stamps another does not find hours off.
 */
public final class AcceleratedClock extends Clock {

    private final Instant start;
    private final long startNanos;
    private final double speed;

    public AcceleratedClock(double speed) {
        this(speed, null);
    }

    /** @param epoch the real moment from which time runs faster; null for now. Not after now. */
    public AcceleratedClock(double speed, Instant epoch) {
        Instant now = Instant.now();
        this.startNanos = System.nanoTime();
        this.speed = speed;
        if (epoch == null) {
            this.start = now;
        } else if (epoch.isAfter(now)) {
            throw new IllegalArgumentException("the demo clock's epoch " + epoch + " is after now (" + now + ")");
        } else {
            // where the accelerated time of a clock started at the epoch stands now
            long sinceEpochNanos = Duration.between(epoch, now).toNanos();
            this.start = epoch.plus(Duration.ofNanos((long) (sinceEpochNanos * speed)));
        }
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
