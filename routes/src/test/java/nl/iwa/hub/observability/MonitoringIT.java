package nl.iwa.hub.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.partner.InboxReader;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.yaml.snakeyaml.Yaml;

/**
 * What ops' dashboards and alerts (ops/monitoring) read exists on the hub's Prometheus endpoint, and the backlog
 * gauge follows a real consumer group: it rises when a partner leaves its inbox unread and falls when it commits,
 * and the hub sees that commit as its group's last.
 */
class MonitoringIT extends HubIntegrationTest {

    private static final Path MONITORING = Path.of("../ops/monitoring");
    private static final Pattern METRIC = Pattern.compile("\\b(iwa_[a-z0-9_]+)");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    TestRestTemplate http;
    @Autowired
    DeliveryFigures figures;

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsExposed() throws Exception {
        // one delivered and one blocked flow, so that the per-partner counters exist
        try (PartnerClient housing = partner("housing-mijnstreek"); PartnerClient social = partner("socialteam-heerlen")) {
            OutboxMessage delivered = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(SyntheticResidents.next())).build();
            OutboxMessage blocked = housing.message("wi-heerlen-enforcement", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(SyntheticResidents.next())).build();
            housing.send(delivered);
            housing.send(blocked);
            await().atMost(WAIT).until(() -> social.inbox().values().stream().anyMatch(m -> delivered.getMessageId().equals(m.getCausationId())));
            await().atMost(WAIT).until(() -> scrape().contains("iwa_messages_blocked_total"));
        }
        Set<String> exposed = exposedNames(scrape());

        Set<String> used = new TreeSet<>();
        used.addAll(namesIn(dashboardExpressions()));
        used.addAll(namesIn(alertExpressions()));

        assertThat(used).as("the dashboard and alerts read these").contains("iwa_inbox_backlog_records",
                "iwa_inbox_last_commit_age_seconds", "iwa_handoffs_overdue",
                "iwa_dead_letters_total", "iwa_audit_trail_verified", "iwa_component_up");
        assertThat(exposed).containsAll(used);
    }

    @Test
    void theAlertRulesAreWellFormed() throws Exception {
        Map<String, Object> rules = new Yaml().load(Files.readString(MONITORING.resolve("prometheus-alerts.yml")));
        List<Map<String, Object>> all = new ArrayList<>();
        for (Object group : (List<?>) rules.get("groups")) {
            all.addAll((List<Map<String, Object>>) ((Map<?, ?>) group).get("rules"));
        }
        assertThat(all).hasSizeGreaterThanOrEqualTo(6).allSatisfy(rule -> {
            assertThat(rule).containsKeys("alert", "expr", "labels", "annotations");
            assertThat((Map<String, Object>) rule.get("labels")).containsKey("severity");
            assertThat(rule.get("for") == null || rule.get("for").toString().matches("\\d+[smh]")).isTrue();
        });
        // the labels an alert can carry are the metrics' own: partner ids, reason codes, component names
        assertThat(all).allSatisfy(rule -> assertThat(rule.get("expr").toString()).doesNotContain("bsn", "pseudonym"));
    }

    @Test
    void theInboxBacklogFollowsThePartnersConsumerGroupAndTheComponentsAreUp() {
        try (PartnerClient housing = partner("housing-mijnstreek"); PartnerClient social = partner("socialteam-heerlen");
             InboxReader socialSystem = social.inboxReader("socialteam-heerlen-inbox")) {
            OutboxMessage signal = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(SyntheticResidents.next())).build();
            housing.send(signal);

            // unread: the social team's backlog counts it
            await().atMost(WAIT).until(() -> gauge("iwa_inbox_backlog_records", "partner=\"socialteam-heerlen\"") >= 1);
            // read and committed by the team's own consumer group: the backlog goes back to nothing
            java.time.Instant committing = java.time.Instant.now();
            await().atMost(WAIT).until(() -> {
                socialSystem.pollAndCommit();
                return gauge("iwa_inbox_backlog_records", "partner=\"socialteam-heerlen\"") == 0;
            });
            // and the hub saw the group's offsets move: since then, not since it started watching (before this test)
            double age = gauge("iwa_inbox_last_commit_age_seconds", "partner=\"socialteam-heerlen\"");
            assertThat(age).isBetween(0.0, java.time.Duration.between(committing, java.time.Instant.now()).toMillis() / 1000.0 + 0.5);
            assertThat(figures.perPartner(List.of("socialteam-heerlen")).get(0).lastCommit().seen())
                    .isEqualTo(nl.iwa.hub.observability.InboxCommitWatch.Seen.MOVED);
        }
        assertThat(gauge("iwa_component_up", "component=\"kafka\"")).isEqualTo(1);
        assertThat(gauge("iwa_component_up", "component=\"schemaRegistry\"")).isEqualTo(1);
        assertThat(gauge("iwa_audit_trail_verified", "")).isEqualTo(1);
    }

    private String scrape() {
        return http.getForObject("/actuator/prometheus", String.class);
    }

    /** The value of a series, by name and one label (or none); -1 when it is not there. */
    private double gauge(String name, String label) {
        Pattern line = Pattern.compile("(?m)^" + name + "(\\{[^}]*" + Pattern.quote(label) + "[^}]*})? ([0-9.eE+-]+)$");
        Matcher m = line.matcher(scrape());
        return m.find() ? Double.parseDouble(m.group(2)) : -1;
    }

    private static Set<String> exposedNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.startsWith("#") && line.startsWith("iwa_")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static List<String> dashboardExpressions() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("grafana-dashboard.json").toFile());
        List<String> exprs = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(t -> exprs.add(t.get("expr").asText())));
        assertThat(exprs).as("every panel queries something").hasSizeGreaterThanOrEqualTo(dashboard.get("panels").size());
        return exprs;
    }

    private static List<String> alertExpressions() throws Exception {
        Map<String, Object> rules = new Yaml().load(Files.readString(MONITORING.resolve("prometheus-alerts.yml")));
        List<String> exprs = new ArrayList<>();
        for (Object group : (List<?>) rules.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                exprs.add(((Map<?, ?>) rule).get("expr").toString());
            }
        }
        return exprs;
    }

    private static Set<String> namesIn(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expr : expressions) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
