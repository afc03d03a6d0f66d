package nl.iwa.hub.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** What an ops team sees: health with broker and registry reachability, and delivery metrics. */
class OperationsIT extends HubIntegrationTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void healthReportsKafkaAndTheSchemaRegistry() {
        TestRestTemplate ops = http.withBasicAuth("ops", OPS_PASSWORD);
        ResponseEntity<String> health = ops.getForEntity("/actuator/health", String.class);
        ResponseEntity<String> readiness = ops.getForEntity("/actuator/health/readiness", String.class);

        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).contains("\"kafka\":{\"status\":\"UP\"", "\"schemaRegistry\":{\"status\":\"UP\"");
        assertThat(readiness.getStatusCode().value()).isEqualTo(200);
        assertThat(readiness.getBody()).contains("kafka", "schemaRegistry");
        // a probe without credentials learns the status, nothing about the broker or the registry
        ResponseEntity<String> anonymous = http.getForEntity("/actuator/health", String.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(200);
        assertThat(anonymous.getBody()).contains("\"status\":\"UP\"").doesNotContain("kafka", "clusterId", "schemaRegistry");
    }

    @Test
    void metricsCountDeliveriesPerPartnerAndMeasureLatency() {
        try (PartnerClient uwv = partner("uwv-zuid-limburg"); PartnerClient wi = partner("wi-heerlen-support")) {
            OutboxMessage m = uwv.message("wi-heerlen-support", "INCOME_CONTINUITY", Bodies.rentArrears(SyntheticResidents.next())).build();
            uwv.send(m);
            await().atMost(Duration.ofSeconds(60)).until(() -> wi.inbox().values().stream()
                    .anyMatch(i -> m.getMessageId().equals(i.getCausationId())));
        }

        String metrics = http.getForObject("/actuator/prometheus", String.class);

        assertThat(metrics).containsPattern("iwa_messages_delivered_total\\{[^}]*receiver=\"wi-heerlen-support\"[^}]*sender=\"uwv-zuid-limburg\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("iwa_messages_in_total\\{[^}]*partner=\"uwv-zuid-limburg\"[^}]*} [1-9]");
        assertThat(metrics).contains("iwa_delivery_latency_seconds_bucket");
        assertThat(metrics).containsPattern("iwa_delivery_latency_seconds_count\\{[^}]*} [1-9]");
    }
}
