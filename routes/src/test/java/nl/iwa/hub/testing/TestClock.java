package nl.iwa.hub.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real time plus an offset that tests move forward, so deadlines are tested by moving time, not by
 * waiting for it. One instance per test JVM, shared by every hub the tests start (one that must move alone takes
 * {@link #apart()}).
 */
public final class TestClock extends Clock {

    public static final TestClock INSTANCE = new TestClock(Clock.systemUTC());

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    private TestClock(Clock base) {
        this.base = base;
    }

    /**
     * A clock for one hub of its own: it follows the shared clock and adds what its test moves it, so that test can
     * move that hub years on without moving every other hub in the JVM.
     */
    public static TestClock apart() {
        return new TestClock(INSTANCE);
    }

    public void advance(Duration d) {
        offset.updateAndGet(o -> o.plus(d));
    }

    /** Moves the clock to {@code target} if that is later than now. */
    public void advanceTo(Instant target) {
        Duration gap = Duration.between(instant(), target);
        if (!gap.isNegative()) {
            advance(gap);
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the hub works in UTC instants");
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }
}
