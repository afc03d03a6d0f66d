package nl.iwa.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.inbox.Rejection;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.partner.PartnerSerdes;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testkit.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A corpus of bad records on a partner's outbox: each gets a rejection with a precise reason and, where the
 * record is invalid, a dead letter with error class, reason and the original coordinates; the hub keeps going.
 */
class BadInputCorpusIT extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void everyBadRecordIsRejectedPreciselyAndTheNextValidOneIsDelivered() {
        TestInfrastructure infra = TestInfrastructure.get();
        try (PartnerClient uwv = partner("uwv-zuid-limburg"); PartnerClient wi = partner("wi-heerlen-support");
             AvroKafkaSerializer<Object> partnerSerializer = PartnerSerdes.serializer(infra.registryUrl());
             TopicProbe<byte[]> dlq = new TopicProbe<>(infra.adminConnection().properties(), "iwa.hub.dlq", new ByteArrayDeserializer())) {
            byte[] valid = partnerSerializer.serialize(uwv.outbox(), benefitEnding(uwv).build());
            byte[] unknownId = valid.clone();
            unknownId[1] = 0x7f; // schema id 0x7f...: not in the registry

            Map<String, Expected> corpus = new LinkedHashMap<>();
            corpus.put("truncated Avro", expect(uwv.sendRaw(Arrays.copyOf(valid, valid.length / 2)), ReasonCode.UNDECODABLE));
            corpus.put("wrong magic byte", expect(uwv.sendRaw(withFirstByte(valid, (byte) 1)), ReasonCode.UNDECODABLE));
            corpus.put("unknown schema id", expect(uwv.sendRaw(unknownId), ReasonCode.UNDECODABLE));
            corpus.put("shorter than the header", expect(uwv.sendRaw(new byte[] {0, 0, 1}), ReasonCode.UNDECODABLE));
            corpus.put("a 2 MB record", expect(uwv.sendRaw(twoMegabytes(valid)), ReasonCode.UNDECODABLE));
            corpus.put("missing required value", expect(uwv.send(benefitEnding(uwv).setMessageId("").build()), ReasonCode.SCHEMA_INVALID));
            corpus.put("timestamp far in the future",
                    expect(uwv.send(benefitEnding(uwv).setSentAt(Instant.now().plus(Duration.ofDays(3650))).build()), ReasonCode.IMPLAUSIBLE_TIMESTAMP));
            corpus.put("unknown receiver", expect(uwv.send(benefitEnding(uwv).setReceiverPartnerId("wi-elders").build()), ReasonCode.UNKNOWN_RECEIVER));
            corpus.put("body claims another sender", expect(uwv.send(benefitEnding(uwv).setSenderPartnerId("wi-heerlen-support").build()),
                    ReasonCode.SENDER_MISMATCH));
            OutboxMessage longText = benefitEnding(uwv).build();
            ((nl.iwa.hub.contract.outbox.Signal) longText.getBody()).getFacts().setFreeText("x".repeat(10_000));
            corpus.put("10,000 characters of free text", expect(uwv.send(longText), ReasonCode.SCHEMA_INVALID));
            OutboxMessage control = benefitEnding(uwv).build();
            ((nl.iwa.hub.contract.outbox.Signal) control.getBody()).getSubject().setGivenName("An\u0007na");
            corpus.put("control characters", expect(uwv.send(control), ReasonCode.SCHEMA_INVALID));

            OutboxMessage next = benefitEnding(uwv).build();
            uwv.send(next);

            // every bad record: a rejection naming its coordinates, and a dead letter with its error headers
            corpus.forEach((name, e) -> {
                Rejection r = await().atMost(WAIT).alias(name).until(() -> uwv.inbox().values().stream()
                        .filter(m -> m.getBody() instanceof Rejection rej && rej.getSourcePartition() == e.written().partition()
                                && rej.getSourceOffset() == e.written().offset())
                        .map(m -> (Rejection) m.getBody()).toList(), l -> !l.isEmpty()).get(0);
                assertThat(r.getReasonCode()).as(name).isEqualTo(e.code());
                ConsumerRecord<String, byte[]> dead = await().atMost(WAIT).alias(name).until(() -> dlq.records().stream()
                        .filter(d -> header(d, "iwa.source.topic").equals(uwv.outbox())
                                && header(d, "iwa.source.partition").equals(Integer.toString(e.written().partition()))
                                && header(d, "iwa.source.offset").equals(Long.toString(e.written().offset()))).toList(),
                        l -> !l.isEmpty()).get(0);
                assertThat(header(dead, "iwa.error.reason-code")).as(name).isEqualTo(e.code().name());
                assertThat(header(dead, "iwa.error.class")).as(name).isNotBlank();
                assertThat(header(dead, "iwa.error.reason")).as(name).isNotBlank();
            });
            assertThat(dlq.records()).filteredOn(d -> header(d, "iwa.error.original-size").equals(Integer.toString(2 * 1024 * 1024)))
                    .singleElement().satisfies(d -> assertThat(d.value()).isEmpty());

            // and the hub kept going
            await().atMost(WAIT).until(() -> wi.inbox().values().stream().anyMatch(m -> next.getMessageId().equals(m.getCausationId())));
        }
    }

    private record Expected(RecordMetadata written, ReasonCode code) {
    }

    private static Expected expect(RecordMetadata written, ReasonCode code) {
        return new Expected(written, code);
    }

    private static OutboxMessage.Builder benefitEnding(PartnerClient uwv) {
        return uwv.message("wi-heerlen-support", "INCOME_CONTINUITY", Bodies.rentArrears(SyntheticResidents.next()));
    }

    private static byte[] withFirstByte(byte[] value, byte first) {
        byte[] b = value.clone();
        b[0] = first;
        return b;
    }

    private static byte[] twoMegabytes(byte[] valid) {
        byte[] b = Arrays.copyOf(valid, 2 * 1024 * 1024);
        Arrays.fill(b, valid.length, b.length, (byte) 'x');
        return b;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
