package nl.iwa.hub.handoff.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.transport.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A webhook connector that gives up on an inbox record parks it on the dead-letter topic and commits past it:
 * the delivery watch must see that record as parked, not consumed, however late the parking was written.
 */
class ParkedDeliveriesIT {

    @Test
    void anInboxRecordParkedOnTheDeadLetterTopicIsSeenAsParkedAndNothingElseIs() throws Exception {
        KafkaConnection admin = TestInfrastructure.get().adminConnection();
        String prefix = "parked" + UUID.randomUUID().toString().substring(0, 8);
        String dlq = prefix + ".hub.dlq";
        String inbox = prefix + ".gp.inbox";
        try (Admin a = Admin.create(admin.properties())) {
            a.createTopics(List.of(new NewTopic(dlq, 2, (short) 1))).all().get();
        }
        try (ParkedDeliveries parked = new ParkedDeliveries(admin, dlq, inbox::equals);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(admin.properties(), new StringSerializer(), new ByteArraySerializer())) {
            // nothing parked yet
            assertThat(parked.parked(inbox, 1, 7)).isFalse();

            // a webhook parking of inbox record 1@7, and the hub's own dead letter of an outbox record at the same coordinates
            producer.send(parking(dlq, inbox, "1", "7")).get();
            producer.send(parking(dlq, prefix + ".housing.outbox", "1", "8")).get();
            producer.send(parking(dlq, inbox, "not-a-number", "9")).get();

            // seen at the next question, without waiting: the parking was written before it was asked
            assertThat(parked.parked(inbox, 1, 7)).isTrue();
            assertThat(parked.parked(inbox, 1, 8)).isFalse();
            assertThat(parked.parked(inbox, 0, 7)).isFalse();
            assertThat(parked.parked(prefix + ".housing.outbox", 1, 8)).as("only inbox records count").isFalse();
        }
    }

    private static ProducerRecord<String, byte[]> parking(String dlq, String source, String partition, String offset) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(dlq, null, null, new byte[0]);
        r.headers().add("iwa.error.class", "WebhookDelivery".getBytes(StandardCharsets.UTF_8));
        r.headers().add("iwa.source.topic", source.getBytes(StandardCharsets.UTF_8));
        r.headers().add("iwa.source.partition", partition.getBytes(StandardCharsets.UTF_8));
        r.headers().add("iwa.source.offset", offset.getBytes(StandardCharsets.UTF_8));
        return r;
    }
}
