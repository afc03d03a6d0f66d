package nl.iwa.hub.handoff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.iwa.hub.config.HubProperties.Topics;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.transport.Outbound;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Observes delivery: a handoff is DELIVERED once the receiver's inbox consumer group has committed an offset
 * past the record the hub wrote. Partners without a configured group move on when they confirm RECEIVED.
 */
public final class DeliveryWatch implements AutoCloseable {

    private final Admin admin;
    private final Topics topics;
    private final PartnerDirectory partners;
    private final HandoffStore store;
    private final HandoffDesk desk;

    public DeliveryWatch(String bootstrapServers, Topics topics, PartnerDirectory partners, HandoffStore store, HandoffDesk desk) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(p);
        this.topics = topics;
        this.partners = partners;
        this.store = store;
        this.desk = desk;
    }

    public List<Outbound> check() throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committedByGroup = new HashMap<>();
        List<Outbound> out = new ArrayList<>();
        for (HandoffRecord record : store.open()) {
            if (record.getStatus() != HandoffStatus.REQUESTED || record.getDeliveredOffset() == null) {
                continue;
            }
            String group = partners.find(record.getReceiverPartnerId()).map(Partner::inboxConsumerGroup).orElse(null);
            if (group == null) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = committedByGroup.get(group);
            if (committed == null) {
                committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                committedByGroup.put(group, committed);
            }
            OffsetAndMetadata position = committed.get(new TopicPartition(topics.inbox(record.getReceiverPartnerId()),
                    record.getDeliveredPartition()));
            // a committed offset is the next record to read: past ours means ours was consumed
            if (position != null && position.offset() > record.getDeliveredOffset()) {
                out.addAll(desk.delivered(record));
            }
        }
        return out;
    }

    @Override
    public void close() {
        admin.close();
    }
}
