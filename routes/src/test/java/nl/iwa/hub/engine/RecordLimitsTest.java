package nl.iwa.hub.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

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

    @Test
    void aRefusalIsDecidedOnALimitAskedAtMostASecondAgo() {
        AtomicInteger limit = new AtomicInteger(300);
        AtomicInteger askedHere = new AtomicInteger();
        RecordLimits raised = new RecordLimits(() -> topicLimit(limit, askedHere), 10_000, () -> now);
        Record<String, Routed> large = record("inbox", 500);
        assertThatThrownBy(() -> raised.check(List.of(large))).isInstanceOf(RecordTooLargeException.class);
        assertThat(askedHere).as("a limit just asked is not asked again").hasValue(1);

        // ops raises the limit; just over a second later, well within the refresh, the same record passes
        limit.set(1000);
        now += RecordLimits.RECHECK.toNanos() + 1;
        assertThatCode(() -> raised.check(List.of(large))).doesNotThrowAnyException();
        assertThat(askedHere).hasValue(2);
        // and records that fit do not make it ask
        raised.check(List.of(record("inbox", 10), record("inbox", 10)));
        assertThat(askedHere).hasValue(2);
    }

    /** An admin client whose one call here, describing a topic's configuration, answers {@code max.message.bytes}. */
    private static Admin topicLimit(AtomicInteger limit, AtomicInteger asked) {
        Admin admin = Mockito.mock(Admin.class);
        Mockito.when(admin.describeConfigs(ArgumentMatchers.anyCollection())).thenAnswer(call -> {
            asked.incrementAndGet();
            ConfigResource resource = call.<Collection<ConfigResource>>getArgument(0).iterator().next();
            Config config = new Config(List.of(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(limit.get()))));
            return new DescribeConfigsResult(Map.of(resource, KafkaFuture.completedFuture(config))) { };
        });
        return admin;
    }

    private static Record<String, Routed> record(String topic, int bytes) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("iwa.source.topic", topic.getBytes(StandardCharsets.UTF_8));
        return new Record<>("resident-key", new Routed(topic, null, new byte[bytes]), 0L, headers);
    }
}
