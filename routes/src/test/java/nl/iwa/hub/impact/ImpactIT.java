package nl.iwa.hub.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.LifeDomain;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.impact.ImpactCell;
import nl.iwa.hub.contract.inbox.StatusRelay;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.testing.AuditProbe;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testing.Scenarios;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testing.TestTokenIssuer;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Handoffs driven to settlement through the hub (real broker with ACLs, real registry) reach the impact topic
 * through the Streams topology and GET /api/impact shows them k-anonymously, to the steering group only. The
 * handoffs of this test are the only ones in life domain CARE, so its cells are its own whatever else ran.
 */
class ImpactIT extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PURPOSE = Scenarios.WORK_REINTEGRATION;
    private static final String IMPACT_TOPIC = "iwa.hub.impact";

    static PartnerClient socialTeam;
    static PartnerClient uwv;
    static PartnerClient housing;
    static AuditProbe audit;

    @Autowired
    TestRestTemplate rest;

    @BeforeAll
    static void partners() {
        socialTeam = partner("socialteam-heerlen");
        uwv = partner("uwv-zuid-limburg");
        housing = partner("housing-mijnstreek");
        audit = new AuditProbe();
    }

    @AfterAll
    static void close() {
        socialTeam.close();
        uwv.close();
        housing.close();
        audit.close();
    }

    @Test
    void settledHandoffsAndAFollowedUpSignalAreCountedAndPublishedOnlyKAnonymously() throws Exception {
        // Given twelve residents handed over by the social team to UWV in domain CARE, one case opened by a signal
        List<Subject> residents = new ArrayList<>();
        List<String> cases = new ArrayList<>();
        List<String> handoffIds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Subject resident = SyntheticResidents.next();
            String caseId = UUID.randomUUID().toString();
            if (i == 0) {
                housing.send(housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(resident))
                        .setCorrelationId(caseId).build());
            }
            socialTeam.send(socialTeam.message("hub", PURPOSE, Bodies.grant(UUID.randomUUID().toString(), resident, PURPOSE,
                    "uwv-zuid-limburg", "IDENTITY", "CONTACT", "INCOME", "PARTICIPATION", "FREE_TEXT")).setCorrelationId(caseId).build());
            HandoffRequest request = Bodies.workReintegration(resident);
            request.setDomain(LifeDomain.CARE);
            socialTeam.send(socialTeam.message("uwv-zuid-limburg", PURPOSE, request).setCorrelationId(caseId).build());
            residents.add(resident);
            cases.add(caseId);
            handoffIds.add(request.getHandoffId());
        }
        await().atMost(WAIT).until(() -> handoffIds.stream().allMatch(id -> socialTeam.inbox().values().stream().anyMatch(m ->
                m.getBody() instanceof StatusRelay r && r.getHandoffId().equals(id))));
        // When UWV accepts, contacts and helps ten of them and declines two (each case's updates in order, by its key)
        for (int i = 0; i < 12; i++) {
            String id = handoffIds.get(i);
            String caseId = cases.get(i);
            update(id, caseId, HandoffStatus.RECEIVED, u -> u.setAccountable("team-werkfit-heerlen"));
            if (i < 10) {
                update(id, caseId, HandoffStatus.ACCEPTED, u -> { });
                update(id, caseId, HandoffStatus.IN_PROGRESS, u -> { });
                update(id, caseId, HandoffStatus.COMPLETED, u -> u.setOutcomeCode("HELP_ACCEPTED"));
            } else {
                update(id, caseId, HandoffStatus.DECLINED, u -> u.setReasonCode("NOT_IN_TARGET_GROUP"));
            }
        }
        await().atMost(WAIT).until(() -> handoffIds.stream().allMatch(id -> socialTeam.inbox().values().stream().anyMatch(m ->
                m.getBody() instanceof StatusRelay r && r.getHandoffId().equals(id)
                        && (r.getStatus() == HandoffStatus.COMPLETED || r.getStatus() == HandoffStatus.DECLINED))));

        // Then the topology counts each exactly once in its cells on the impact topic
        Map<String, Long> mine = await().atMost(WAIT).until(this::careCellsAndSignalFollowUps,
                c -> c.getOrDefault("COMPLETED_HELP_ACCEPTED", 0L) == 10 && c.getOrDefault("DECLINED", 0L) == 2
                        && c.getOrDefault("LED_TO_HELP", 0L) == 1);
        assertThat(mine).containsOnlyKeys("COMPLETED_HELP_ACCEPTED", "DECLINED", "LED_TO_HELP");

        // And the steering group sees no count under k, the two declines hidden, the median where ten made contact
        ResponseEntity<Map> json = as("steering-group", STEERING_GROUP_PASSWORD).getForEntity("/api/impact", Map.class);
        assertThat(json.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<?, ?> handoffs = (Map<?, ?>) json.getBody().get("handoffs");
        List<Map<?, ?>> myRows = rows(handoffs).stream().filter(r -> "CARE".equals(r.get("domain")) && "UWV".equals(r.get("receiverKind"))).toList();
        assertThat(myRows).isNotEmpty();
        for (Map<?, ?> row : myRows) {
            Map<?, ?> declined = entry(row, "DECLINED");
            if (declined != null) {
                assertThat(declined.get("suppressed")).isEqualTo(true);
                assertThat(declined.get("count")).isNull();
            }
        }
        if (myRows.size() == 1) { // (unless another test moved the clock into the next quarter half-way)
            assertThat(myRows.get(0).get("medianHoursToFirstContact")).isEqualTo(0);
        }
        assertNoCountUnderK(json.getBody());
        Map<?, ?> signals = (Map<?, ?>) json.getBody().get("signals");
        for (Map<?, ?> row : rows(signals)) {
            Map<?, ?> led = entry(row, "LED_TO_HELP");
            if (led != null && !Boolean.TRUE.equals(led.get("suppressed"))) {
                // shown means nobody (0: a column other rows use) or at least k
                assertThat(((Number) led.get("count")).longValue()).satisfiesAnyOf(n -> assertThat(n).isZero(),
                        n -> assertThat(n).isGreaterThanOrEqualTo(10));
            }
        }

        // And nothing of a resident or a case is in the answer or on the impact topic
        Set<String> secrets = secretsOf(residents, cases, handoffIds);
        String csv = as("steering-group", STEERING_GROUP_PASSWORD).getForObject("/api/impact?format=csv", String.class);
        assertThat(csv).startsWith("table,flow,receiver_kind,domain,quarter,outcome,count,suppressed,median_hours_to_first_contact");
        assertThat(csv).contains("HANDOFF,").contains(",CARE,");
        String topic = rawImpactTopic();
        for (String secret : secrets) {
            assertThat(json.getBody().toString()).doesNotContain(secret);
            assertThat(csv).doesNotContain(secret);
            assertThat(topic).doesNotContain(secret);
        }
    }

    @Test
    void onlyTheSteeringGroupGetsTheFiguresAndItGetsNothingElse() {
        assertThat(rest.getForEntity("/api/impact", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(as("ops", OPS_PASSWORD).getForEntity("/api/impact", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("privacy-officer", PRIVACY_OFFICER_PASSWORD).getForEntity("/api/impact", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("steering-group", "wrong-password").getForEntity("/api/impact", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        TestRestTemplate steering = as("steering-group", STEERING_GROUP_PASSWORD);
        for (String other : List.of("/api/ops/handoffs", "/api/privacy/policies", "/actuator/metrics", "/api/privacy/audit")) {
            assertThat(steering.getForEntity(other, String.class).getStatusCode()).as(other)
                    .isIn(HttpStatus.FORBIDDEN, HttpStatus.FOUND, HttpStatus.UNAUTHORIZED);
            assertThat(steering.getForEntity(other, String.class).getStatusCode().is2xxSuccessful()).as(other).isFalse();
        }
        HttpHeaders csv = new HttpHeaders();
        csv.set(HttpHeaders.ACCEPT, "text/csv");
        ResponseEntity<String> asCsv = steering.exchange("/api/impact", HttpMethod.GET, new HttpEntity<>(csv), String.class);
        assertThat(asCsv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(asCsv.getHeaders().getContentType().toString()).startsWith("text/csv");

        // the same role from the identity provider, and no other role from it either
        TestTokenIssuer idp = TestTokenIssuer.get();
        assertThat(bearer(idp.sign(idp.claims("STEERING_GROUP").build())).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(bearer(idp.sign(idp.claims("OPS", "PRIVACY_OFFICER").build())).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        // a bad quarter is a problem (RFC 9457) that does not repeat the value
        ResponseEntity<String> bad = steering.getForEntity("/api/impact?from=2026-Q9-xyz", String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).doesNotContain("xyz");
        assertThat(bad.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(steering.getForEntity("/api/impact?from=2026-Q3&to=2026-Q1", String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(steering.getForEntity("/api/impact?from=2026-Q1&to=2030-Q4", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aPartnerCannotReadTheImpactTopicNorTheTopologysState() {
        // a dishonest partner with broker access: the figures, unsuppressed, are the hub's alone
        Properties p = TestInfrastructure.get().partnerConnection("socialteam-heerlen").properties();
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        for (String topic : List.of(IMPACT_TOPIC, "iwa-hub-impact-impact-cells-changelog")) {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
                consumer.assign(List.of(new TopicPartition(topic, 0)));
                consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
                assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).as(topic).isInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private ResponseEntity<String> bearer(String token) {
        HttpHeaders h = new HttpHeaders();
        h.setBearerAuth(token);
        return rest.exchange("/api/impact", HttpMethod.GET, new HttpEntity<>(h), String.class);
    }

    private TestRestTemplate as(String user, String password) {
        return rest.withBasicAuth(user, password);
    }

    private static void update(String handoffId, String caseId, HandoffStatus status, Consumer<HandoffUpdate> details) {
        HandoffUpdate u = Bodies.update(handoffId, status);
        details.accept(u);
        uwv.send(uwv.message("socialteam-heerlen", PURPOSE, u).setCorrelationId(caseId).build());
    }

    /** This test's handoff cells (flow of the social team to UWV, domain CARE) and the signals' LED_TO_HELP, summed over quarters. */
    private Map<String, Long> careCellsAndSignalFollowUps() {
        Map<String, Long> sums = new HashMap<>();
        forEachCell((key, cell) -> {
            if (cell.getKind().equals("HANDOFF") && cell.getDomain().equals("CARE") && cell.getReceiverKind().equals("UWV")
                    || cell.getKind().equals("SIGNAL") && cell.getOutcome().equals("LED_TO_HELP")) {
                sums.merge(cell.getOutcome(), cell.getCount(), Long::sum);
            }
        });
        return sums;
    }

    /** The latest value per key of the impact topic, read as the operator. */
    private static void forEachCell(java.util.function.BiConsumer<String, ImpactCell> sink) {
        TestInfrastructure infra = TestInfrastructure.get();
        Map<String, ImpactCell> latest = new HashMap<>();
        try (AvroCodec codec = new AvroCodec(infra.registryUrl())) {
            new TopicReader(infra.adminConnection()).readAll(IMPACT_TOPIC, r -> {
                if (r.value() != null && codec.decode(IMPACT_TOPIC, r.value()) instanceof ImpactCell c) {
                    latest.put(r.key(), c);
                }
            });
        }
        latest.forEach(sink);
    }

    private static String rawImpactTopic() {
        StringBuilder all = new StringBuilder();
        new TopicReader(TestInfrastructure.get().adminConnection()).readAll(IMPACT_TOPIC, r -> {
            all.append(r.key()).append('\n');
            if (r.value() != null) {
                all.append(new String(r.value(), StandardCharsets.ISO_8859_1)).append('\n');
            }
        });
        return all.toString();
    }

    private static Set<String> secretsOf(List<Subject> residents, List<String> cases, List<String> handoffIds) {
        Set<String> secrets = new java.util.HashSet<>();
        residents.forEach(r -> secrets.add(r.getBsn()));
        secrets.addAll(cases);
        secrets.addAll(handoffIds);
        for (AuditRecord a : audit.all()) {
            if (a.getCorrelationId() != null && cases.contains(a.getCorrelationId()) && a.getSubjectPseudonym() != null) {
                secrets.add(a.getSubjectPseudonym());
            }
        }
        assertThat(secrets).hasSizeGreaterThan(12 + 12 + 12); // the pseudonyms were found too
        return secrets;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> rows(Map<?, ?> table) {
        return (List<Map<?, ?>>) table.get("rows");
    }

    private static Map<?, ?> entry(Map<?, ?> row, String outcome) {
        return ((List<?>) row.get("cells")).stream().map(e -> (Map<?, ?>) e).filter(e -> outcome.equals(e.get("outcome"))).findFirst()
                .orElse(null);
    }

    /** Every count anywhere in the report (cells, row totals, outcome totals, totals) is hidden, 0 or at least k. */
    private static void assertNoCountUnderK(Object node) {
        if (node instanceof Map<?, ?> m) {
            Object count = m.get("count");
            if (count instanceof Number n) {
                assertThat(n.longValue() == 0 || n.longValue() >= 10).as("published count %s", m).isTrue();
            }
            m.values().forEach(ImpactIT::assertNoCountUnderK);
        } else if (node instanceof List<?> l) {
            l.forEach(ImpactIT::assertNoCountUnderK);
        }
    }
}
