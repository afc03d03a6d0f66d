package nl.iwa.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.iwa.hub.audit.kafka.AuditIndex;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.inbox.Rejection;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.testing.StandaloneHub;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testkit.TopicProbe;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A record whose outcome can never be written (here: the receiver's inbox refuses a record that large) is tried a
 * bounded number of times, then parked on the dead-letter topic with a rejection to its sender, while the records
 * behind it are delivered. Once the cause is fixed, the ops replay puts it back into its outbox, as it was parked and
 * only there, and it is delivered once; a second replay of the same dead letter is refused.
 */
class PoisonRecordIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    /**
     * On the decide topology a send the broker refuses fails the task's whole transaction and Kafka Streams decides
     * the record again from the last commit, for ever (or its producer splits and resends the batch without end), and
     * every resident of its partition waits. The decide task refuses such a record before sending it instead. Here
     * the record behind the poison is about the same resident, so it is on the same partition.
     */
    @Test
    void aRecordThatCannotBeWrittenIsParkedItsPartitionGoesOnAndOnceFixedItIsReplayedOnce() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        String prefix = "poisonstreams" + UUID.randomUUID().toString().substring(0, 8);
        String socialInbox = prefix + ".socialteam-heerlen.inbox";
        try (StandaloneHub hub = StandaloneHub.start(prefix);
             Admin admin = Admin.create(infra.adminConnection().properties());
             PartnerClient housing = client("housing-mijnstreek", prefix);
             PartnerClient uwv = client("uwv-zuid-limburg", prefix);
             PartnerClient social = client("socialteam-heerlen", prefix);
             PartnerClient wi = client("wi-heerlen-support", prefix);
             TopicProbe<byte[]> dlq = new TopicProbe<>(infra.adminConnection().properties(), prefix + ".hub.dlq", new ByteArrayDeserializer())) {
            // Given the social team's inbox refuses records as large as a delivery
            maxMessageBytes(admin, socialInbox, "200");

            // When housing signals about a resident to the social team, and UWV about the same resident to W&I
            var resident = SyntheticResidents.next();
            OutboxMessage poison = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(resident)).build();
            housing.send(poison);
            OutboxMessage next = uwv.message("wi-heerlen-support", "INCOME_CONTINUITY", Bodies.rentArrears(resident)).build();
            uwv.send(next);

            // Then the signal is parked, naming the error, with a rejection to housing, and no stream thread fails on it
            // (an uncaught exception in any thread fails these waits)
            await().atMost(WAIT).until(() -> !dlq.records().isEmpty());
            ConsumerRecord<String, byte[]> parked = dlq.records().get(0);
            assertThat(header(parked, "iwa.error.class")).isEqualTo("RecordTooLargeException");
            assertThat(header(parked, "iwa.source.topic")).isEqualTo(housing.outbox());
            await().atMost(WAIT).until(() -> housing.inbox().values().stream()
                    .anyMatch(m -> m.getBody() instanceof Rejection r && r.getReasonCode() == ReasonCode.OTHER
                            && r.getSourceOffset() == Long.parseLong(header(parked, "iwa.source.offset"))));
            // and the record behind it, on the same partition, is delivered, once
            await().atMost(WAIT).until(() -> causedBy(wi.inbox().values(), next) == 1);
            assertThat(dlq.records()).hasSize(1);
            assertThat(causedBy(social.inbox().values(), poison)).isZero();

            // When the cause is fixed, ops cannot replay a record of its own making in housing's name
            maxMessageBytes(admin, socialInbox, null);
            HttpResponse<String> forged = send(authorised(hub, replayPath(parked)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray("a record ops wrote".getBytes(StandardCharsets.UTF_8))).build());
            assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
            // and a dead letter whose headers point anywhere but a partner outbox (someone with broker access wrote
            // it) is not replayed at all
            ConsumerRecord<String, byte[]> aimedAtTheAudit = forgeDeadLetter(prefix, prefix + ".hub.audit");
            HttpResponse<String> refused = replay(hub, aimedAtTheAudit);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);

            // When ops replays the dead letter as it was parked, right after the fix
            HttpResponse<String> replayed = replay(hub, parked);
            assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
            // Then the replay is on the audit trail, naming who did it, and the refused one is not
            var audited = await().atMost(WAIT).until(() -> hub.bean(AuditIndex.class).find(a -> a.getDecision() == Decision.REPLAYED),
                    found -> found.size() == 1).get(0);
            assertThat(audited.getActor()).isEqualTo("ops");
            assertThat(audited.getSourceOffset()).isEqualTo(parked.offset());
            assertThat(audited.getDetail()).startsWith("replayed into " + housing.outbox() + "/");
            // and the signal is delivered, once (the decide task asks the broker again before refusing it on the
            // limit it knew), and the same dead letter cannot be replayed again
            await().atMost(WAIT).until(() -> causedBy(social.inbox().values(), poison) == 1);
            assertThat(replay(hub, parked).statusCode()).isEqualTo(409);
            HttpResponse<String> list = send(authorised(hub, "/api/ops/dead-letters").GET().build());
            assertThat(list.body()).contains("\"replayedAs\":\"" + housing.outbox()).doesNotContain(poison.getMessageId());
            assertThat(dlq.records().stream().filter(r -> header(r, "iwa.error.class") != null))
                    .as("parked once, the replay not parked again").hasSize(1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> causedBy(social.inbox().values(), poison) == 1);
        }
    }

    private static PartnerClient client(String partner, String prefix) {
        TestInfrastructure infra = TestInfrastructure.get();
        return new PartnerClient(partner, prefix, infra.partnerConnection(partner).properties(), infra.registryUrl());
    }

    /** Deliveries of {@code m}: the hub's own notices about its case (such as who joined it) name it as cause too. */
    private static long causedBy(List<InboxMessage> inbox, OutboxMessage m) {
        return inbox.stream().filter(i -> m.getMessageId().equals(i.getCausationId()) && !"hub".equals(i.getOriginPartnerId())).count();
    }

    private static void maxMessageBytes(Admin admin, String topic, String value) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        ConfigEntry entry = new ConfigEntry("max.message.bytes", value == null ? "" : value);
        AlterConfigOp op = new AlterConfigOp(entry, value == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get();
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String replayPath(ConsumerRecord<String, byte[]> parked) {
        return "/api/ops/dead-letters/" + parked.partition() + "/" + parked.offset() + "/replay";
    }

    private static HttpResponse<String> replay(StandaloneHub hub, ConsumerRecord<String, byte[]> parked) throws Exception {
        return send(authorised(hub, replayPath(parked)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A dead letter as someone with broker access (here the operator, a super user) could write one. */
    private static ConsumerRecord<String, byte[]> forgeDeadLetter(String prefix, String target) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(TestInfrastructure.get().adminConnection().properties(),
                new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(prefix + ".hub.dlq", 0, null, "forged".getBytes(StandardCharsets.UTF_8));
            record.headers().add("iwa.source.topic", target.getBytes(StandardCharsets.UTF_8));
            record.headers().add("iwa.source.partition", "0".getBytes(StandardCharsets.UTF_8));
            record.headers().add("iwa.source.offset", "0".getBytes(StandardCharsets.UTF_8));
            RecordMetadata at = producer.send(record).get();
            return new ConsumerRecord<>(at.topic(), at.partition(), at.offset(), null, record.value());
        }
    }

    private static HttpRequest.Builder authorised(StandaloneHub hub, String path) {
        String basic = Base64.getEncoder().encodeToString(("ops:" + HubIntegrationTest.OPS_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://localhost:" + hub.port() + path)).header("Authorization", "Basic " + basic);
    }
}
