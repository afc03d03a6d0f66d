package nl.iwa.hub.handoff.kafka;

import nl.iwa.hub.handoff.HandoffDesk;
import nl.iwa.hub.handoff.HandoffLookup;
import nl.iwa.hub.handoff.HandoffChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.transport.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Observes delivery: a handoff is DELIVERED once the receiver's inbox consumer group has committed an offset
 * past the record the hub wrote, unless that record was parked as undeliverable (a webhook that refused it: see
 * {@link ParkedDeliveries}); such a handoff stays REQUESTED, so its deadline escalates it. Partners without a
 * configured group move on when they confirm RECEIVED.
 */
public final class DeliveryWatch implements AutoCloseable {

    private final Admin admin;
    private final Topics topics;
    private final PartnerDirectory partners;
    private final HandoffLookup store;
    private final HandoffDesk desk;
    private final ParkedDeliveries parked;

    public DeliveryWatch(KafkaConnection kafka, Topics topics, PartnerDirectory partners, HandoffLookup store, HandoffDesk desk) {
        this.admin = Admin.create(kafka.properties());
        this.parked = new ParkedDeliveries(kafka, topics.deadLetter(),
                topic -> partners.all().stream().anyMatch(p -> topics.inbox(p.id()).equals(topic)));
        this.topics = topics;
        this.partners = partners;
        this.store = store;
        this.desk = desk;
    }

    /** The handoffs whose delivery was consumed since the last check, each moved to DELIVERED. */
    public List<HandoffChange> check() throws ExecutionException, InterruptedException, TimeoutException {
        // a receiver's committed inbox positions are fetched once per check, and only if a handoff awaits it
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committedByGroup = new HashMap<>();
        List<HandoffRecord> consumed;
        try {
            consumed = store.placedMatching(d -> consumed(d, committedByGroup));
        } catch (CommittedOffsetsUnavailable e) {
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (e.getCause() instanceof ExecutionException failed) {
                throw failed;
            }
            throw (TimeoutException) e.getCause();
        }
        if (!consumed.isEmpty()) {
            // once per check (the clock holds the hub's lock), and after every committed offset above was read: a
            // parking is written before the commit past it, so this read sees every parking those commits passed
            parked.catchUp();
            consumed = consumed.stream().filter(r -> !parked.wasParked(topics.inbox(r.getReceiverPartnerId()),
                    r.getDeliveredPartition(), r.getDeliveredOffset())).toList();
        }
        List<HandoffChange> out = new ArrayList<>();
        for (HandoffRecord record : consumed) {
            out.add(desk.delivered(record));
        }
        return out;
    }

    /** A committed offset is the next record to read: past the delivery means the delivery was consumed. */
    private boolean consumed(HandoffLookup.PlacedDelivery delivery, Map<String, Map<TopicPartition, OffsetAndMetadata>> committedByGroup) {
        String group = partners.find(delivery.receiverPartnerId()).map(Partner::inboxConsumerGroup).orElse(null);
        if (group == null) {
            return false;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = committedByGroup.computeIfAbsent(group, this::committedOffsets);
        String inbox = topics.inbox(delivery.receiverPartnerId());
        OffsetAndMetadata position = committed.get(new TopicPartition(inbox, delivery.partition()));
        return position != null && position.offset() > delivery.offset();
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommittedOffsetsUnavailable(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new CommittedOffsetsUnavailable(e);
        }
    }

    /** Carries a checked failure out of the filter, to be thrown as it was. */
    private static final class CommittedOffsetsUnavailable extends RuntimeException {
        CommittedOffsetsUnavailable(Exception cause) {
            super(cause);
        }
    }

    @Override
    public void close() {
        admin.close();
        parked.close();
    }
}
