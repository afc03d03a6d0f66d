package nl.iwa.hub.connectors.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import nl.iwa.hub.connectors.ConnectorHub;
import nl.iwa.hub.connectors.ConnectorPartner;
import nl.iwa.hub.connectors.ConnectorSettings;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The refusals that come before anything is written: the hub's Kafka side is never reached for them. */
class RestIngressTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

    /** Partners as configured; any use of Kafka or the codec fails the test. */
    private static final ConnectorHub HUB = new ConnectorHub() {
        private final List<ConnectorPartner> partners = List.of(
                new ConnectorPartner("gp", "GP_PRACTICE", "iwa.gp.outbox", "iwa.gp.inbox", "gp-inbox",
                        new ConnectorSettings(new ConnectorSettings.Rest("gp-his", null), null, null)),
                new ConnectorPartner("housing", "HOUSING", "iwa.housing.outbox", "iwa.housing.inbox", "housing-inbox",
                        new ConnectorSettings(null, null, new ConnectorSettings.Files(java.nio.file.Path.of("in"), "socialteam"))));

        @Override
        public List<ConnectorPartner> connectorPartners() {
            return partners;
        }

        @Override
        public Optional<ConnectorPartner> partner(String partnerId) {
            return partners.stream().filter(p -> p.id().equals(partnerId)).findFirst();
        }

        @Override
        public Properties kafkaProperties() {
            throw new AssertionError("nothing may be written for a refused request");
        }

        @Override
        public String transactionalIdPrefix() {
            throw new AssertionError("nothing may be written for a refused request");
        }

        @Override
        public void readAll(String topic, java.util.function.Consumer<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> sink) {
            throw new AssertionError("nothing may be read for a refused request");
        }

        @Override
        public String deadLetterTopic() {
            throw new AssertionError("nothing may be written for a refused request");
        }

        @Override
        public String fileIntakeTopic() {
            throw new AssertionError("nothing may be written for a refused request");
        }

        @Override
        public String restReceiptsTopic() {
            throw new AssertionError("nothing may be written for a refused request");
        }

        @Override
        public void finishFile(String partnerId, String correlationId, nl.iwa.hub.contract.inbox.FileIntakeReport report,
                               byte[] finalProgress) {
            throw new AssertionError("nothing may be written for a refused request");
        }

        @Override
        public byte[] encode(String topic, SpecificRecord value) {
            throw new AssertionError("nothing may be written for a refused request");
        }

        @Override
        public byte[] secretFor(String purpose) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object decode(String topic, byte[] value) {
            throw new AssertionError();
        }
    };

    private final RestIngress ingress = new RestIngress(HUB, new PartnerRateLimit(1, 2, CLOCK), new RestReceipts(HUB), CLOCK);

    private RestAnswer send(String caller, String body) {
        return ingress.handle(MessageKind.SIGNAL, caller, body.getBytes(StandardCharsets.UTF_8), "/api/connect/v1/signals");
    }

    @Test
    void aCallerThatIsNoRestPartnerIsForbidden() throws Exception {
        for (String caller : new String[] {null, "nobody", "housing"}) {
            RestAnswer answer = send(caller, "{}");
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(new ObjectMapper().readTree(answer.body()).get("status").asInt()).isEqualTo(403);
        }
    }

    @Test
    void overTheRateIsTooManyWithRetryAfterBeforeTheBodyIsRead() {
        assertThat(send("gp", "not json").status()).isEqualTo(400);
        assertThat(send("gp", "{}").status()).isEqualTo(422);
        RestAnswer third = send("gp", "{}");

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.headers()).containsEntry("Retry-After", "1");
    }

    @Test
    void aProblemNamesTheFieldAndKeepsTheValueToItself() throws Exception {
        RestAnswer answer = send("gp", """
                {"messageId":"m","correlationId":"c","receiverPartnerId":"socialteam","purpose":"P",
                 "occurredAt":"2026-03-02T09:00:00Z","body":{"signalType":"RENT_ARREARS","domain":"HOUSING",
                 "subject":{"bsn":999990019},"facts":{}}}""");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body()).contains("body.subject.bsn").doesNotContain("999990019");
        assertThat(new ObjectMapper().readTree(answer.body()).get("instance").asText()).isEqualTo("/api/connect/v1/signals");
    }
}
