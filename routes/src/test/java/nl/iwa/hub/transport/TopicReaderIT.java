package nl.iwa.hub.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import nl.iwa.hub.testing.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What a read_committed reader sees of a topic is held back by a transaction left open (a writer killed mid-way)
 * until it ends; {@link TopicReader#awaitSettled} waits for that, on the real broker.
 */
class TopicReaderIT {

    @Test
    void aTransactionLeftOpenHoldsTheTopicBackUntilItEnds() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        String topic = "settle" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(infra.adminConnection().properties())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        TopicReader reader = new TopicReader(infra.adminConnection());
        Properties config = infra.adminConnection().properties();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + "-writer");
        try (KafkaProducer<String, byte[]> writer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            writer.initTransactions();
            writer.beginTransaction();
            writer.send(new ProducerRecord<>(topic, "k", new byte[] {1})).get();
            // Given a transaction still open on the topic
            assertThat(reader.awaitSettled(topic, Duration.ofMillis(500))).as("settled while a transaction is open").isFalse();
            // When it ends
            writer.commitTransaction();
        }
        // Then the topic is settled, and what it committed is readable
        assertThat(reader.awaitSettled(topic, Duration.ofSeconds(30))).isTrue();
        assertThat(reader.endOffsets(topic).values()).containsExactly(2L);
    }
}
