package nl.iwa.hub.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Delivery per partner as the hub counted it since it started, read back from the meters {@link HubMetrics} and
 * the inbox backlog fill (the same numbers Prometheus scrapes): records in from its outbox, delivered from and to
 * it, not passed on (by reason), its inbox backlog, when its inbox group was last seen to commit
 * ({@link InboxCommitWatch}) and its dead letters. Ids, codes and counts only.
 */
public final class DeliveryFigures {

    private final MeterRegistry registry;
    private final InboxCommitWatch commits;

    public DeliveryFigures(MeterRegistry registry, InboxCommitWatch commits) {
        this.registry = registry;
        this.commits = commits;
    }

    /**
     * One partner's figures; {@code backlog} and {@code lastCommit} are null before the first monitoring beat measured
     * them, and for a partner without an inbox consumer group.
     */
    public record PartnerFigures(String partner, long in, long deliveredFrom, long deliveredTo, long blocked, Long backlog,
                                 InboxCommitWatch.LastCommit lastCommit, long deadLetters) {
    }

    /** How often a partner's records were not passed on for one reason. */
    public record Rejections(String partner, String reason, long count) {
    }

    public List<PartnerFigures> perPartner(Collection<String> partnerIds) {
        return partnerIds.stream().sorted().map(p -> new PartnerFigures(p,
                count(registry.find("iwa.messages.in").tag("partner", p)),
                count(registry.find("iwa.messages.delivered").tag("sender", p)),
                count(registry.find("iwa.messages.delivered").tag("receiver", p)),
                count(registry.find("iwa.messages.blocked").tag("partner", p)),
                backlog(p),
                commits.lastCommit(p).orElse(null),
                count(registry.find("iwa.dead.letters").tag("partner", p)))).toList();
    }

    /** Every partner and reason that was counted at least once, by partner then reason. */
    public List<Rejections> rejections() {
        Map<String, Rejections> byKey = new TreeMap<>();
        for (Counter c : registry.find("iwa.messages.blocked").counters()) {
            long n = (long) c.count();
            if (n > 0) {
                String partner = c.getId().getTag("partner");
                String reason = c.getId().getTag("reason");
                byKey.merge(partner + "|" + reason, new Rejections(partner, reason, n),
                        (a, b) -> new Rejections(a.partner(), a.reason(), a.count() + b.count()));
            }
        }
        return List.copyOf(byKey.values());
    }

    private static long count(Search search) {
        return (long) search.counters().stream().mapToDouble(Counter::count).sum();
    }

    private Long backlog(String partner) {
        Gauge g = registry.find("iwa.inbox.backlog").tag("partner", partner).gauge();
        return g == null || Double.isNaN(g.value()) ? null : (long) g.value();
    }
}
