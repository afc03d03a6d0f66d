package nl.iwa.hub.intake.kafka;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a hub that decided from the outboxes go on from the decide topic without deciding anything twice: before
 * the intake topology first runs, its group is given the hub's committed positions in the outboxes, so it re-keys
 * only what the hub had not decided yet. A group that has positions of its own has run before and keeps them.
 * Must run while no member of the intake group is active (the hub calls it before it starts the topology).
 */
public final class IntakeHandover {

    private static final Logger log = LoggerFactory.getLogger(IntakeHandover.class);

    private IntakeHandover() {
    }

    /** @return the positions handed over; empty when the intake group had its own, or the hub had none */
    public static Map<TopicPartition, OffsetAndMetadata> continueWhereTheHubLeftOff(Admin admin, String hubGroup,
                                                                                    String intakeGroup, Set<String> outboxes) {
        try {
            Map<TopicPartition, OffsetAndMetadata> own = committed(admin, intakeGroup);
            if (!own.isEmpty()) {
                return Map.of();
            }
            Map<TopicPartition, OffsetAndMetadata> hubs = committed(admin, hubGroup).entrySet().stream()
                    .filter(e -> outboxes.contains(e.getKey().topic()) && e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            if (hubs.isEmpty()) {
                return Map.of();
            }
            admin.alterConsumerGroupOffsets(intakeGroup, hubs).all().get();
            log.info("intake topology: continues from the hub's positions in {} outbox partitions", hubs.size());
            return hubs;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (ExecutionException e) {
            // without the handover the topology would decide the outboxes again from their beginning: do not start
            throw new IllegalStateException("intake topology: the hub's positions in the outboxes could not be handed over ("
                    + e.getCause().getClass().getSimpleName() + ")", e.getCause());
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group)
            throws InterruptedException, ExecutionException {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    }
}
