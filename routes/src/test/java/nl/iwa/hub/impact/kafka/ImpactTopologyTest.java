package nl.iwa.hub.impact.kafka;

import static nl.iwa.hub.contract.common.HandoffStatus.ACCEPTED;
import static nl.iwa.hub.contract.common.HandoffStatus.COMPLETED;
import static nl.iwa.hub.contract.common.HandoffStatus.DECLINED;
import static nl.iwa.hub.contract.common.HandoffStatus.IN_PROGRESS;
import static nl.iwa.hub.contract.common.HandoffStatus.RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.LifeDomain;
import nl.iwa.hub.contract.common.Urgency;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.handoff.HandoffTransition;
import nl.iwa.hub.contract.impact.ImpactCell;
import nl.iwa.hub.handoff.WorkingDayCalendar;
import nl.iwa.hub.impact.SettledHandoffs;
import nl.iwa.hub.impact.SignalFollowUps;
import nl.iwa.hub.policy.Deadlines;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The topology record by record (TopologyTestDriver, plain Avro instead of the registry's wire format): each
 * handoff counted once however often its final state appears, signals moved when help is accepted in their case,
 * and nothing but codes on the impact topic.
 */
class ImpactTopologyTest {

    static final String PSEUDONYM = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");

    TopologyTestDriver driver;
    TestInputTopic<String, HandoffRecord> handoffs;
    TestInputTopic<String, AuditRecord> audit;
    TestOutputTopic<String, ImpactCell> impact;
    Path state;

    @BeforeEach
    void start() throws IOException {
        state = Files.createTempDirectory("impact-topology-test");
        SettledHandoffs settled = new SettledHandoffs(id -> Optional.of("UWV"), id -> Optional.of(Deadlines.DEFAULT), new WorkingDayCalendar());
        var topology = ImpactTopology.build("h", "a", "i", avro(HandoffRecord.class), avro(AuditRecord.class), avro(ImpactCell.class),
                settled, new SignalFollowUps(Duration.ofDays(182)), id -> Optional.of("SOCIAL_TEAM"), Duration.ofDays(400));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "impact-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(topology, props);
        handoffs = driver.createInputTopic("h", Serdes.String().serializer(), avro(HandoffRecord.class).serializer());
        audit = driver.createInputTopic("a", Serdes.String().serializer(), avro(AuditRecord.class).serializer());
        impact = driver.createOutputTopic("i", Serdes.String().deserializer(), avro(ImpactCell.class).deserializer());
    }

    @AfterEach
    void stop() throws IOException {
        driver.close();
        try (var files = Files.walk(state)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aHandoffIsCountedOnceWhenItSettlesHoweverOftenItsFinalStateAppears() {
        HandoffRecord open = handoff("case-1", ACCEPTED);
        HandoffRecord done = handoff("case-1", COMPLETED);
        handoffs.pipeInput(open.getHandoffId(), open);
        handoffs.pipeInput(done.getHandoffId(), done);
        handoffs.pipeInput(done.getHandoffId(), done); // rewritten: the same final state again
        HandoffRecord declined = handoff("case-2", DECLINED);
        handoffs.pipeInput(declined.getHandoffId(), declined);

        Map<String, ImpactCell> cells = impact.readKeyValuesToMap();

        assertThat(cells).containsOnlyKeys("HANDOFF|flow|UWV|COMPLETED_HELP_ACCEPTED|WORK|2026-Q4", "HANDOFF|flow|UWV|DECLINED|WORK|2026-Q4");
        ImpactCell completed = cells.get("HANDOFF|flow|UWV|COMPLETED_HELP_ACCEPTED|WORK|2026-Q4");
        assertThat(completed.getCount()).isEqualTo(1);
        assertThat(completed.getFirstContactHours()).hasSize(1);
        assertThat(completed.getFirstContactHours().get(0).getHours()).isEqualTo(26);
        assertThat(cells.get("HANDOFF|flow|UWV|DECLINED|WORK|2026-Q4").getCount()).isEqualTo(1);
    }

    @Test
    void aSignalMovesToLedToHelpWhenAHandoffInItsCaseCompletesWithHelpAccepted() {
        audit.pipeInput(null, signalDelivered("case-7", T0.minus(Duration.ofDays(3))));
        audit.pipeInput(null, signalDelivered("case-8", T0.minus(Duration.ofDays(3))));
        HandoffRecord done = handoff("case-7", COMPLETED);
        handoffs.pipeInput(done.getHandoffId(), done);
        handoffs.pipeInput(done.getHandoffId(), done);

        Map<String, ImpactCell> cells = impact.readKeyValuesToMap();

        assertThat(cells.get("SIGNAL|signal-flow|SOCIAL_TEAM|LED_TO_HELP|NOT_RECORDED|2026-Q4").getCount()).isEqualTo(1);
        assertThat(cells.get("SIGNAL|signal-flow|SOCIAL_TEAM|NO_HELP_RECORDED|NOT_RECORDED|2026-Q4").getCount()).isEqualTo(1);
    }

    @Test
    void theImpactTopicCarriesNoIdOrPseudonym() {
        HandoffRecord done = handoff("case-secret-id", COMPLETED);
        audit.pipeInput(null, signalDelivered("case-secret-id", T0));
        handoffs.pipeInput(done.getHandoffId(), done);

        for (var kv : impact.readKeyValuesToList()) {
            String both = kv.key + " " + kv.value;
            assertThat(both).doesNotContain(PSEUDONYM).doesNotContain("case-secret-id").doesNotContain(done.getHandoffId())
                    .doesNotContain("uwv-zuid-limburg");
        }
    }

    static HandoffRecord handoff(String caseId, HandoffStatus end) {
        List<HandoffTransition> history = new ArrayList<>();
        history.add(new HandoffTransition(HandoffStatus.REQUESTED, T0, "SENDER", "m1"));
        history.add(new HandoffTransition(RECEIVED, T0.plusSeconds(3600), "RECEIVER", "m2"));
        history.add(new HandoffTransition(ACCEPTED, T0.plusSeconds(7200), "RECEIVER", "m3"));
        if (end == COMPLETED) {
            history.add(new HandoffTransition(IN_PROGRESS, T0.plus(Duration.ofMinutes(26 * 60 + 10)), "RECEIVER", "m4"));
            history.add(new HandoffTransition(COMPLETED, T0.plus(Duration.ofDays(5)), "RECEIVER", "m5"));
        } else if (end == DECLINED) {
            history.remove(2);
            history.add(new HandoffTransition(DECLINED, T0.plus(Duration.ofDays(1)), "RECEIVER", "m3"));
        }
        return HandoffRecord.newBuilder().setHandoffId(UUID.randomUUID().toString()).setCorrelationId(caseId)
                .setRequestMessageId("m1").setSenderPartnerId("socialteam-heerlen").setReceiverPartnerId("uwv-zuid-limburg")
                .setPolicyId("flow").setPurpose("WORK_REINTEGRATION").setUrgency(Urgency.NORMAL).setSubjectPseudonym(PSEUDONYM)
                .setStatus(history.get(history.size() - 1).getStatus()).setStatusSince(history.get(history.size() - 1).getAt())
                .setHistory(history).setDomain(LifeDomain.WORK).setOutcomeCode(end == COMPLETED ? "HELP_ACCEPTED" : null).build();
    }

    static AuditRecord signalDelivered(String caseId, Instant at) {
        return AuditRecord.newBuilder().setAuditId(UUID.randomUUID().toString()).setRecordedAt(at).setDecision(Decision.DELIVERED)
                .setMessageId(UUID.randomUUID().toString()).setCorrelationId(caseId).setMessageType("SIGNAL")
                .setSenderPartnerId("housing-mijnstreek").setReceiverPartnerId("socialteam-heerlen").setSubjectPseudonym(PSEUDONYM)
                .setPolicyId("signal-flow").setPurpose("DEBT_PREVENTION").setFieldsDelivered(List.of()).setFieldsRemoved(List.of())
                .setSourceTopic("iwa.housing-mijnstreek.outbox").setSourcePartition(0).setSourceOffset(1).setPreviousHash("").setHash("")
                .build();
    }

    static <T extends SpecificRecord> Serde<T> avro(Class<T> type) {
        return Serdes.serdeFrom((topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                var encoder = EncoderFactory.get().binaryEncoder(out, null);
                new SpecificDatumWriter<T>(value.getSchema()).write(value, encoder);
                encoder.flush();
                return out.toByteArray();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return new SpecificDatumReader<>(type).read(null, DecoderFactory.get().binaryDecoder(data, null));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
