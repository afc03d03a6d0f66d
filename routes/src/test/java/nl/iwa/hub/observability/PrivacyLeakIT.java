package nl.iwa.hub.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testing.LogCapture;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testkit.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Sends delivered, blocked, invalid and unreadable messages full of personal data, then searches the hub's
 * log output, every Kafka key and header it wrote, and its metrics for any of those values.
 */
class PrivacyLeakIT extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    TestRestTemplate http;

    @Test
    void noPersonalDataInLogsKeysHeadersOrMetrics() {
        TestInfrastructure infra = TestInfrastructure.get();
        List<String> personal = new ArrayList<>(List.of(Bodies.FREE_TEXT, Bodies.MEDICAL));
        try (PartnerClient housing = partner("housing-mijnstreek"); PartnerClient socialTeam = partner("socialteam-heerlen")) {
            Subject ok = SyntheticResidents.next();
            Subject badBsn = SyntheticResidents.next();
            badBsn.setBsn("123456782");
            Subject badPostcode = SyntheticResidents.next();
            badPostcode.setPostcode("9999 SS");
            Subject toEnforcement = SyntheticResidents.next();
            for (Subject s : List.of(ok, badBsn, badPostcode, toEnforcement)) {
                personal.addAll(SyntheticResidents.personalValues(s));
            }
            List<OutboxMessage> sent = List.of(
                    housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(ok)).build(),
                    housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(badBsn)).build(),
                    housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(badPostcode)).build(),
                    housing.message("wi-heerlen-enforcement", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(toEnforcement)).build(),
                    socialTeam.message("wi-heerlen-enforcement", "SUPPORT_COORDINATION", Bodies.dropOut(toEnforcement)).build());
            sent.stream().filter(m -> m.getSenderPartnerId().equals("housing-mijnstreek")).forEach(housing::send);
            sent.stream().filter(m -> m.getSenderPartnerId().equals("socialteam-heerlen")).forEach(socialTeam::send);
            housing.sendRaw(("garbage with a name in it " + ok.getFamilyName()).getBytes(StandardCharsets.UTF_8));

            // wait until the hub has answered every one of them
            await().atMost(WAIT).until(() -> sent.stream().allMatch(m -> housing.inbox().values().stream()
                    .anyMatch(i -> m.getMessageId().equals(i.getCausationId())) || socialTeam.inbox().values().stream()
                    .anyMatch(i -> m.getMessageId().equals(i.getCausationId()))));
        }

        // Logs: the whole test JVM's captured output so far (this test and every other that ran before it)
        List<String> lines = LogCapture.lines();
        assertThat(lines).isNotEmpty();
        assertThat(lines).as("log lines").allSatisfy(line -> assertThat(personal).noneMatch(line::contains));

        // Keys and headers of everything the hub wrote (the DLQ value holds the raw record by design; its headers may not)
        for (String topic : List.of("iwa.socialteam-heerlen.inbox", "iwa.housing-mijnstreek.inbox", "iwa.hub.audit",
                "iwa.hub.consent", "iwa.hub.dlq")) {
            try (TopicProbe<byte[]> probe = new TopicProbe<>(infra.adminConnection().properties(), topic, new ByteArrayDeserializer())) {
                for (ConsumerRecord<String, byte[]> r : probe.readToEnd()) {
                    String key = r.key() == null ? "" : r.key();
                    assertThat(personal).as("key on %s", topic).noneMatch(key::contains);
                    for (Header h : r.headers()) {
                        String value = new String(h.value(), StandardCharsets.UTF_8);
                        assertThat(personal).as("header %s on %s", h.key(), topic).noneMatch(v -> value.contains(v) || h.key().contains(v));
                    }
                }
            }
        }

        // Metrics: labels are partner ids and reason codes only
        String metrics = http.getForObject("/actuator/prometheus", String.class);
        assertThat(metrics).contains("iwa_messages_blocked_total");
        assertThat(personal).noneMatch(metrics::contains);
    }
}
