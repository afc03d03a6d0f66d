package nl.iwa.hub.intake.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.decision.ResidentKeys;
import nl.iwa.hub.identity.Pseudonymiser;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.messages.OutboxMessages;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.transport.DeadLetterHeaders;
import nl.iwa.hub.transport.DecodeResult;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.header.Header;
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
 * The re-keying step with Kafka Streams' test driver: plain Avro instead of the registry's wire format (the real
 * broker and registry are in ResidentKeyingIT). What a partner wrote reaches the decide topic byte for byte, keyed
 * by its resident, with its origin in headers the hub sets; nothing the partner set in headers survives.
 */
class ResidentKeyingTopologyTest {

    private static final String HOUSING_OUTBOX = "iwa.housing-mijnstreek.outbox";
    private static final String SOCIAL_OUTBOX = "iwa.socialteam-heerlen.outbox";
    private static final String DECIDE = "iwa.hub.decide";
    private static final String UPDATES = "iwa.hub.handoff-updates";

    private final Pseudonymiser pseudonymiser = new Pseudonymiser("a test key of at least thirty-two bytes!".getBytes(StandardCharsets.UTF_8));
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> housing;
    private TestInputTopic<String, byte[]> social;
    private TestOutputTopic<String, byte[]> decide;
    private TestOutputTopic<String, byte[]> updates;

    @BeforeEach
    void start() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "keying-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(ResidentKeyingTopology.build(List.of(HOUSING_OUTBOX, SOCIAL_OUTBOX), DECIDE, UPDATES,
                (topic, bytes) -> decode(bytes), new ResidentKeys(pseudonymiser)), p);
        housing = driver.createInputTopic(HOUSING_OUTBOX, new StringSerializer(), new ByteArraySerializer());
        social = driver.createInputTopic(SOCIAL_OUTBOX, new StringSerializer(), new ByteArraySerializer());
        decide = driver.createOutputTopic(DECIDE, new StringDeserializer(), new ByteArrayDeserializer());
        updates = driver.createOutputTopic(UPDATES, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void oneResidentsRecordsFromTwoOutboxesAndCasesGetOneKeyInTheOrderTheyCame() {
        Subject resident = SyntheticResidents.next();
        String pseudonym = pseudonymiser.pseudonymOf(resident).orElseThrow();
        byte[] consent = encode(OutboxMessages.inCase("socialteam-heerlen", "hub", "WORK_REINTEGRATION", "case-a",
                Bodies.grant(java.util.UUID.randomUUID().toString(), resident, "WORK_REINTEGRATION", "uwv-zuid-limburg", "WORK")));
        byte[] signal = encode(OutboxMessages.inCase("housing-mijnstreek", "socialteam-heerlen", "EARLY_DEBT_SIGNALLING", "case-b",
                Bodies.rentArrears(resident)));
        byte[] handoff = encode(OutboxMessages.inCase("socialteam-heerlen", "uwv-zuid-limburg", "WORK_REINTEGRATION", "case-c",
                Bodies.workReintegration(resident)));

        social.pipeInput("case-a", consent);
        housing.pipeInput("case-b", signal);
        social.pipeInput("case-c", handoff);

        List<TestRecord<String, byte[]>> out = decide.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly(pseudonym, pseudonym, pseudonym);
        assertThat(out).extracting(TestRecord::value).containsExactly(consent, signal, handoff);
        assertThat(origin(out.get(1))).containsExactly(HOUSING_OUTBOX, "0", "0");
        assertThat(origin(out.get(2))).containsExactly(SOCIAL_OUTBOX, "0", "1");
        assertThat(updates.isEmpty()).isTrue();
    }

    @Test
    void aStatusUpdateGoesToTheHandoffUpdatesKeyedByItsHandoff() {
        byte[] update = encode(OutboxMessages.inCase("uwv-zuid-limburg", "socialteam-heerlen", "WORK_REINTEGRATION", "case-a",
                Bodies.update("h-7", HandoffStatus.ACCEPTED)));
        housing.pipeInput("case-a", update);

        TestRecord<String, byte[]> routed = updates.readRecord();
        assertThat(routed.key()).isEqualTo("h-7");
        assertThat(routed.value()).isEqualTo(update);
        assertThat(decide.isEmpty()).isTrue();
    }

    @Test
    void anUnreadableRecordIsKeyedByWhereItWasReadSoTheDecideStepCanRefuseIt() {
        housing.pipeInput("k", "not avro at all".getBytes(StandardCharsets.UTF_8));
        housing.pipeInput("k", (byte[]) null);

        assertThat(decide.readRecordsToList()).extracting(TestRecord::key)
                .containsExactly(HOUSING_OUTBOX + "/0/0", HOUSING_OUTBOX + "/0/1");
    }

    /**
     * A record larger than the hub reads is also larger than its producer writes: passed on whole, it would fail the
     * intake's transaction again and again and stop the intake of every partner. Only its size goes on.
     */
    @Test
    void aRecordLargerThanTheHubReadsGoesOnWithoutItsBytesButWithItsSize() {
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        housing.pipeInput("k", twoMegabytes);
        byte[] justSmallEnough = new byte[nl.iwa.hub.transport.AvroCodec.MAX_RECORD_BYTES];
        housing.pipeInput("k", justSmallEnough);

        List<TestRecord<String, byte[]>> out = decide.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly(HOUSING_OUTBOX + "/0/0", HOUSING_OUTBOX + "/0/1");
        assertThat(out.get(0).value()).isEmpty();
        assertThat(new String(out.get(0).headers().lastHeader(DeadLetterHeaders.ORIGINAL_SIZE).value(), StandardCharsets.UTF_8))
                .isEqualTo(Integer.toString(2 * 1024 * 1024));
        assertThat(out.get(1).value()).hasSize(justSmallEnough.length);
        assertThat(out.get(1).headers().lastHeader(DeadLetterHeaders.ORIGINAL_SIZE)).isNull();
    }

    @Test
    void headersAPartnerSetsNeverReachTheDecideTopicSoItCannotClaimAnotherOutbox() {
        Subject resident = SyntheticResidents.next();
        RecordHeaders forged = new RecordHeaders();
        forged.add(DeadLetterHeaders.SOURCE_TOPIC, SOCIAL_OUTBOX.getBytes(StandardCharsets.UTF_8));
        forged.add("x-resident-bsn", resident.getBsn().getBytes(StandardCharsets.UTF_8));
        housing.pipeInput(new TestRecord<>("case-a", encode(OutboxMessages.inCase("housing-mijnstreek", "socialteam-heerlen",
                "EARLY_DEBT_SIGNALLING", "case-a", Bodies.rentArrears(resident))), forged));

        TestRecord<String, byte[]> out = decide.readRecord();
        assertThat(origin(out)).containsExactly(HOUSING_OUTBOX, "0", "0");
        List<String> keyAndHeaders = new ArrayList<>(List.of(out.key()));
        out.headers().forEach(h -> keyAndHeaders.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8)));
        for (String personal : SyntheticResidents.personalValues(resident)) {
            assertThat(keyAndHeaders).noneMatch(s -> s.contains(personal));
        }
    }

    /** The origin headers, in order: topic, partition, offset; and that there is nothing else. */
    private static List<String> origin(TestRecord<String, byte[]> r) {
        List<String> values = new ArrayList<>();
        for (Header h : r.headers()) {
            values.add(new String(h.value(), StandardCharsets.UTF_8));
        }
        assertThat(r.headers().toArray()).extracting(Header::key).containsExactly(DeadLetterHeaders.SOURCE_TOPIC,
                DeadLetterHeaders.SOURCE_PARTITION, DeadLetterHeaders.SOURCE_OFFSET);
        return values;
    }

    private static byte[] encode(OutboxMessage m) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            var encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<>(OutboxMessage.class).write(m, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DecodeResult decode(byte[] bytes) {
        if (bytes == null) {
            return DecodeResult.failed(ReasonCode.UNDECODABLE, "empty", "Truncated");
        }
        try {
            return DecodeResult.ok(new SpecificDatumReader<>(OutboxMessage.class).read(null,
                    DecoderFactory.get().binaryDecoder(bytes, null)));
        } catch (IOException | RuntimeException e) {
            return DecodeResult.failed(ReasonCode.UNDECODABLE, "not an outbox message", "Undecodable");
        }
    }
}
