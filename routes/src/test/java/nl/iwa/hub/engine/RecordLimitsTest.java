package nl.iwa.hub.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The limits without a broker: while none answers, the producer's own limit holds, and the broker is asked again later. */
class RecordLimitsTest {

    private final AtomicInteger asked = new AtomicInteger();
    private long now;
    private final RecordLimits limits = new RecordLimits(() -> {
        asked.incrementAndGet();
        throw new IllegalStateException("no broker here");
    }, 1000, () -> now);

    @Test
    void aRecordLargerThanTheProducerWritesIsRefusedNamingTopicAndSizesOnly() {
        Record<String, Routed> large = record("iwa.socialteam-heerlen.inbox", 950);
        assertThatThrownBy(() -> limits.check(List.of(record("iwa.hub.audit", 10), large)))
                .isInstanceOf(RecordTooLargeException.class)
                .hasMessage("a record of about " + RecordLimits.sizeOf(large) + " bytes for iwa.socialteam-heerlen.inbox, which takes at most 1000");
        assertThatCode(() -> limits.check(List.of(record("iwa.socialteam-heerlen.inbox", 500)))).doesNotThrowAnyException();
    }

    @Test
    void keyHeadersAndTheBatchCountTowardsTheSize() {
        Record<String, Routed> r = record("t", 100);
        assertThat(RecordLimits.sizeOf(r)).isEqualTo(RecordLimits.BATCH_OVERHEAD + "resident-key".length() + 100
                + "iwa.source.topic".length() + "t".length() + 8);
    }

    @Test
    void theBrokerIsAskedOncePerTopicUntilTheRefreshIsDue() {
        limits.check(List.of(record("a", 10), record("a", 10), record("b", 10)));
        assertThat(asked).hasValue(2);
        now += RecordLimits.REFRESH.toNanos() + 1;
        limits.check(List.of(record("a", 10)));
        assertThat(asked).hasValue(3);
    }

    private static Record<String, Routed> record(String topic, int bytes) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("iwa.source.topic", topic.getBytes(StandardCharsets.UTF_8));
        return new Record<>("resident-key", new Routed(topic, null, new byte[bytes]), 0L, headers);
    }
}
