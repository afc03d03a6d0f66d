package nl.iwa.hub.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each partner's inbox consumer group was last seen to commit progress. Kafka keeps no commit time that a
 * client may read (the Admin API answers offsets and their metadata only), so the hub watches: at every monitoring
 * beat it hands over the group's committed offsets, and a change since the previous beat means the group committed
 * progress in between. What this knows is therefore "last seen to move, within one beat", measured from the hub's
 * start: before it saw a change it can say only "not since the hub watches" (and since when), or "never committed"
 * when the group has no offsets at all. A group that has read everything commits nothing new, so a long time
 * without a move is a problem only where the backlog is not zero. Wall-clock time (the system clock), never a
 * demonstration's faster clock: consumers live in real time.
 */
public final class InboxCommitWatch {

    public enum Seen {
        /** The committed offsets moved while the hub watched: {@code since} is when it saw that. */
        MOVED,
        /** The group has offsets, but they have not moved since the hub first looked, at {@code since}. */
        NOT_SINCE_WATCHING,
        /** The group has committed no offset on the inbox since the hub first looked, at {@code since}. */
        NEVER_COMMITTED
    }

    /** What is known about a partner's last commit, and how long ago {@code since} is now. */
    public record LastCommit(Seen seen, Instant since, Duration age) {
    }

    private record Watched(Map<Integer, Long> positions, Instant firstSeen, Instant moved) {
    }

    private final Clock clock;
    private final Map<String, Watched> partners = new ConcurrentHashMap<>();

    public InboxCommitWatch(Clock clock) {
        this.clock = clock;
    }

    /** The committed offset per partition of the partner's inbox as the broker answers it now (none: never committed). */
    public void observe(String partner, Map<Integer, Long> committed) {
        Map<Integer, Long> now = Map.copyOf(committed);
        Instant at = clock.instant();
        partners.compute(partner, (p, before) -> {
            if (before == null) {
                return new Watched(now, at, null);
            }
            return new Watched(now, before.firstSeen(), before.positions().equals(now) ? before.moved() : at);
        });
    }

    /** Empty until the first beat looked at the partner's group (or when the partner has none). */
    public Optional<LastCommit> lastCommit(String partner) {
        Watched w = partners.get(partner);
        if (w == null) {
            return Optional.empty();
        }
        Seen seen = w.moved() != null ? Seen.MOVED : w.positions().isEmpty() ? Seen.NEVER_COMMITTED : Seen.NOT_SINCE_WATCHING;
        Instant since = w.moved() != null ? w.moved() : w.firstSeen();
        return Optional.of(new LastCommit(seen, since, Duration.between(since, clock.instant())));
    }

    /**
     * Seconds since the group was last seen to move; a lower bound (since the hub first looked) while it has not
     * been seen to move; NaN before the first look. What the Prometheus gauge exports.
     */
    public double ageSeconds(String partner) {
        return lastCommit(partner).map(c -> c.age().toMillis() / 1000.0).orElse(Double.NaN);
    }
}
