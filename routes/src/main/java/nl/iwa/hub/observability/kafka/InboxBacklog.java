package nl.iwa.hub.observability.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.iwa.hub.observability.InboxCommitWatch;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.transport.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far each partner is behind on its inbox: the records written to it that its inbox consumer group has not
 * committed yet (the consumer lag), refreshed on the hub's monitoring beat rather than at each scrape, since it
 * asks the broker. Only partners with a configured {@code inboxConsumerGroup} have one; a group that never
 * committed counts every record. The same answer tells {@link InboxCommitWatch} whether the group's committed
 * offsets moved since the last beat.
 */
public final class InboxBacklog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InboxBacklog.class);

    private final Admin admin;
    private final Topics topics;
    private final List<Partner> partners;
    private final Map<String, Long> backlog = new ConcurrentHashMap<>();
    private final InboxCommitWatch commits;

    public InboxBacklog(KafkaConnection kafka, Topics topics, Collection<Partner> partners, MeterRegistry registry,
                        InboxCommitWatch commits) {
        this.admin = Admin.create(kafka.properties());
        this.topics = topics;
        this.commits = commits;
        this.partners = partners.stream().filter(p -> p.inboxConsumerGroup() != null).toList();
        for (Partner p : this.partners) {
            Gauge.builder("iwa.inbox.backlog", backlog, b -> b.getOrDefault(p.id(), 0L))
                    .description("Records in the partner's inbox its inbox consumer group has not committed yet")
                    .baseUnit("records").tag("partner", p.id()).register(registry);
            Gauge.builder("iwa.inbox.last.commit.age", commits, c -> c.ageSeconds(p.id()))
                    .description("Seconds since the hub last saw the partner's inbox consumer group commit progress "
                            + "(a lower bound, since the hub started watching, until it has seen one)")
                    .baseUnit("seconds").tag("partner", p.id()).register(registry);
        }
    }

    /** Asks the broker for every inbox's end and its group's committed position; keeps the last value on failure. */
    public void refresh() {
        for (Partner p : partners) {
            try {
                backlog.put(p.id(), lag(p));
            } catch (ExecutionException | TimeoutException e) {
                log.warn("inbox backlog of {} not refreshed: {}", p.id(), e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long lag(Partner p) throws ExecutionException, InterruptedException, TimeoutException {
        String inbox = topics.inbox(p.id());
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(p.inboxConsumerGroup())
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<Integer, Long> positions = new HashMap<>();
        committed.forEach((tp, offset) -> {
            if (inbox.equals(tp.topic()) && offset != null) {
                positions.put(tp.partition(), offset.offset());
            }
        });
        commits.observe(p.id(), positions);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(inbox)).allTopicNames().get(10, TimeUnit.SECONDS).get(inbox).partitions()
                .forEach(info -> latest.put(new TopicPartition(inbox, info.partition()), OffsetSpec.latest()));
        long total = 0;
        for (var end : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata position = committed.get(end.getKey());
            // a transactional inbox ends with a commit marker: a reader that is fully caught up sits past it
            total += Math.max(0, end.getValue().offset() - (position == null ? 0 : position.offset()));
        }
        return total;
    }

    @Override
    public void close() {
        admin.close();
    }
}
