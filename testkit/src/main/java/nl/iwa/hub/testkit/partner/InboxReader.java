package nl.iwa.hub.testkit.partner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import nl.iwa.hub.contract.inbox.InboxMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A partner's system reading its inbox in a consumer group, decoding through the registry as a partner does. The
 * group, where it starts and what it commits are the caller's (its client properties): a test commits by hand to
 * show the hub a handoff consumed, the demo lets the client commit, the benchmark reads every inbox from the end.
 */
public final class InboxReader implements AutoCloseable {

    private final KafkaConsumer<String, Object> consumer;

    /** @param clientProperties how to reach the broker and the consumer's own settings (group.id at least) */
    public InboxReader(Properties clientProperties, String registryUrl) {
        consumer = new KafkaConsumer<>(clientProperties, new StringDeserializer(), PartnerSerdes.deserializer(registryUrl));
    }

    public InboxReader subscribe(String inboxTopic) {
        consumer.subscribe(List.of(inboxTopic));
        return this;
    }

    /** Several inboxes at once, including those created after subscribing (as the consumer's metadata refreshes). */
    public InboxReader subscribe(Pattern inboxTopics) {
        consumer.subscribe(inboxTopics);
        return this;
    }

    /** The inbox messages of one poll; anything else on the topic (nothing the hub writes) is skipped. */
    public List<InboxMessage> poll(Duration timeout) {
        List<InboxMessage> messages = new ArrayList<>();
        for (ConsumerRecord<String, Object> r : consumer.poll(timeout)) {
            if (r.value() instanceof InboxMessage m) {
                messages.add(m);
            }
        }
        return messages;
    }

    /**
     * Polls once and commits what was read: the commit is what lets the hub observe a handoff as DELIVERED. Call it
     * from an Awaitility condition.
     */
    public List<InboxMessage> pollAndCommit() {
        List<InboxMessage> read = poll(Duration.ofMillis(200));
        consumer.commitSync();
        return read;
    }

    /** How many partitions the group gave this reader so far (none: a message sent now might be missed). */
    public int assignedPartitions() {
        return consumer.assignment().size();
    }

    /** Makes a blocked {@link #poll} throw WakeupException, from another thread: how a reading loop is stopped. */
    public void wakeup() {
        consumer.wakeup();
    }

    public void close(Duration timeout) {
        consumer.close(timeout);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
