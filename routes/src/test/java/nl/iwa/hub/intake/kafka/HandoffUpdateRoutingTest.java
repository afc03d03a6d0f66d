package nl.iwa.hub.intake.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import nl.iwa.hub.transport.DeadLetterHeaders;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing status updates to their resident, with Kafka Streams' test driver. A handoffs record is stood in for by
 * {@code P:<pseudonym>} (reading the real record is the registry codec's job, shown in HandoffUpdateRoutingIT).
 */
class HandoffUpdateRoutingTest {

    private static final String UPDATES = "iwa.hub.handoff-updates";
    private static final String HANDOFFS = "iwa.hub.handoffs";
    private static final String DECIDE = "iwa.hub.decide";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> updates;
    private TestInputTopic<String, byte[]> handoffs;
    private TestOutputTopic<String, byte[]> decide;

    @BeforeEach
    void start() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "routing-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(HandoffUpdateRouting.build(UPDATES, HANDOFFS, DECIDE, (topic, bytes) -> {
            String s = new String(bytes, StandardCharsets.UTF_8);
            return s.startsWith("P:") ? Optional.of(s.substring(2)) : Optional.empty();
        }, WAIT), p);
        updates = driver.createInputTopic(UPDATES, new StringSerializer(), new ByteArraySerializer());
        handoffs = driver.createInputTopic(HANDOFFS, new StringSerializer(), new ByteArraySerializer());
        decide = driver.createOutputTopic(DECIDE, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void anUpdateForAKnownHandoffGoesOnAtOnceKeyedByItsResidentWithItsOriginAndValueUnchanged() {
        handoffs.pipeInput("h-1", bytes("P:resident-a"));
        updates.pipeInput(update("h-1", "accept", 7));

        TestRecord<String, byte[]> routed = decide.readRecord();
        assertThat(routed.key()).isEqualTo("resident-a");
        assertThat(text(routed.value())).isEqualTo("accept");
        assertThat(text(routed.headers().lastHeader(DeadLetterHeaders.SOURCE_OFFSET).value())).isEqualTo("7");
        assertThat(decide.isEmpty()).isTrue();
    }

    @Test
    void updatesThatArriveBeforeTheirHandoffWaitAndThenFollowItInArrivalOrder() {
        updates.pipeInput(update("h-2", "receive", 1));
        updates.pipeInput(update("h-2", "accept", 2));
        assertThat(decide.isEmpty()).isTrue();

        handoffs.pipeInput("h-2", bytes("P:resident-b"));

        List<TestRecord<String, byte[]>> routed = decide.readRecordsToList();
        assertThat(routed).extracting(TestRecord::key).containsExactly("resident-b", "resident-b");
        assertThat(routed).extracting(r -> text(r.value())).containsExactly("receive", "accept");

        updates.pipeInput(update("h-2", "complete", 3));
        assertThat(decide.readRecord().key()).isEqualTo("resident-b");
    }

    @Test
    void anUpdateWhoseHandoffNeverAppearsGoesOnUnderItsHandoffIdOnceItsWaitIsOver() {
        updates.pipeInput(update("no-such-handoff", "cancel", 4));

        driver.advanceWallClockTime(WAIT.minusSeconds(10));
        assertThat(decide.isEmpty()).as("still within its wait").isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(15));
        TestRecord<String, byte[]> routed = decide.readRecord();
        assertThat(routed.key()).isEqualTo("no-such-handoff");
        assertThat(text(routed.value())).isEqualTo("cancel");
        assertThat(text(routed.headers().lastHeader(DeadLetterHeaders.SOURCE_OFFSET).value())).isEqualTo("4");

        driver.advanceWallClockTime(WAIT.multipliedBy(2));
        assertThat(decide.isEmpty()).as("released once").isTrue();
    }

    @Test
    void aRetiredHandoffsRouteIsForgottenSoALateUpdateIsDecidedAsUnknown() {
        handoffs.pipeInput("h-3", bytes("P:resident-c"));
        handoffs.pipeInput("h-3", (byte[]) null);

        updates.pipeInput(update("h-3", "accept", 5));
        assertThat(decide.isEmpty()).isTrue();
        driver.advanceWallClockTime(WAIT.plusSeconds(5));
        assertThat(decide.readRecord().key()).isEqualTo("h-3");
    }

    @Test
    void aLaterStatusOfAHandoffDoesNotMoveItsRoute() {
        handoffs.pipeInput("h-4", bytes("P:resident-d"));
        handoffs.pipeInput("h-4", bytes("P:someone-else"));

        updates.pipeInput(update("h-4", "accept", 6));
        assertThat(decide.readRecord().key()).isEqualTo("resident-d");
    }

    @Test
    void anUnreadableHandoffsRecordRoutesNothing() {
        handoffs.pipeInput("h-5", bytes("not a handoff"));
        updates.pipeInput(update("h-5", "accept", 8));
        assertThat(decide.isEmpty()).isTrue();
        driver.advanceWallClockTime(WAIT.plusSeconds(5));
        assertThat(decide.readRecord().key()).isEqualTo("h-5");
    }

    @Test
    void aWaitThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> HandoffUpdateRouting.build(UPDATES, HANDOFFS, DECIDE, (t, b) -> Optional.empty(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCheckForOverdueUpdatesRunsOftenEnough() {
        assertThat(HandoffUpdateRouting.checkEvery(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(5));
        assertThat(HandoffUpdateRouting.checkEvery(Duration.ofSeconds(8))).isEqualTo(Duration.ofSeconds(2));
        assertThat(HandoffUpdateRouting.checkEvery(Duration.ofMillis(2))).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void waitingUpdatesKeepTheirHeadersValuesAndOrderThroughTheStoreLayout() {
        RecordHeaders h = new RecordHeaders();
        h.add("a", bytes("1"));
        h.add("empty", null);
        List<WaitingUpdates.Waiting> list = List.of(new WaitingUpdates.Waiting(10, h, bytes("first")),
                new WaitingUpdates.Waiting(20, new RecordHeaders(), null));

        List<WaitingUpdates.Waiting> back = WaitingUpdates.read(WaitingUpdates.write(list));

        assertThat(back).hasSize(2);
        assertThat(back.get(0).arrivedAt()).isEqualTo(10);
        assertThat(text(back.get(0).headers().lastHeader("a").value())).isEqualTo("1");
        assertThat(back.get(0).headers().lastHeader("empty").value()).isNull();
        assertThat(text(back.get(0).value())).isEqualTo("first");
        assertThat(back.get(1).value()).isNull();
        assertThat(WaitingUpdates.read(null)).isEmpty();
    }

    private static TestRecord<String, byte[]> update(String handoffId, String value, long sourceOffset) {
        RecordHeaders h = new RecordHeaders();
        h.add(DeadLetterHeaders.SOURCE_TOPIC, bytes("iwa.gp-heerlen.outbox"));
        h.add(DeadLetterHeaders.SOURCE_PARTITION, bytes("0"));
        h.add(DeadLetterHeaders.SOURCE_OFFSET, bytes(Long.toString(sourceOffset)));
        return new TestRecord<>(handoffId, bytes(value), h);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
