package nl.iwa.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.iwa.hub.transport.RawOutboxRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OutboxBatchDeciderTest {

    @Test
    void consumedIsThePositionAfterTheLastRecordOfEachPartition() {
        List<RawOutboxRecord> batch = List.of(
                raw("iwa.uwv.outbox", 0, 7), raw("iwa.uwv.outbox", 1, 3), raw("iwa.uwv.outbox", 0, 9),
                raw("iwa.gp.outbox", 0, 0), raw("iwa.uwv.outbox", 0, 8));

        assertThat(OutboxBatchDecider.consumed(batch)).containsOnly(
                org.assertj.core.api.Assertions.entry(new TopicPartition("iwa.uwv.outbox", 0), new OffsetAndMetadata(10)),
                org.assertj.core.api.Assertions.entry(new TopicPartition("iwa.uwv.outbox", 1), new OffsetAndMetadata(4)),
                org.assertj.core.api.Assertions.entry(new TopicPartition("iwa.gp.outbox", 0), new OffsetAndMetadata(1)));
    }

    private static RawOutboxRecord raw(String topic, int partition, long offset) {
        return new RawOutboxRecord(topic, partition, offset, new byte[0], "uwv");
    }
}
