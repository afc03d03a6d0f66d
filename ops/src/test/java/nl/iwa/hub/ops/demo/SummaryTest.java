package nl.iwa.hub.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummaryTest {

    private static final Flow RENT_ARREARS = Scenario.RENT_ARREARS.flow();
    private static final Flow NO_CONSENT = Scenario.PSYCHOSOCIAL_WITHOUT_CONSENT.flow();

    @Test
    void countsDeliveriesForTheSenderAndTheReceiverAndRejectionsByReason() {
        Summary summary = new Summary(5);
        summary.sent(Partners.HOUSING);
        summary.sent(Partners.HOUSING);
        summary.consentRecorded(Partners.GP);
        summary.sent(Partners.GP);
        summary.delivered(RENT_ARREARS, Partners.SOCIAL_TEAM);
        summary.rejected(Partners.GP, Optional.of(NO_CONSENT), "NO_CONSENT");
        summary.rejected(Partners.HOUSING, Optional.of(Scenario.GARBAGE.flow()), "UNDECODABLE");

        assertThat(summary.get(Partners.HOUSING, Summary.SENT)).isEqualTo(2);
        assertThat(summary.get(Partners.HOUSING, Summary.DELIVERED)).isEqualTo(1);
        assertThat(summary.get(Partners.SOCIAL_TEAM, Summary.RECEIVED)).isEqualTo(1);
        assertThat(summary.get(Partners.GP, Summary.SENT)).isEqualTo(2);
        assertThat(summary.get(Partners.GP, Summary.CONSENTS)).isEqualTo(1);
        assertThat(summary.rejections(Partners.GP)).containsExactly(java.util.Map.entry("NO_CONSENT", 1L));
        assertThat(summary.rejections(Partners.HOUSING)).containsOnlyKeys("UNDECODABLE");
        assertThat(summary.surprises()).isZero();
    }

    @Test
    void eventsAreOneLinersOfPartnersAndCodes() {
        Summary summary = new Summary(5);
        summary.delivered(RENT_ARREARS, Partners.SOCIAL_TEAM);
        summary.rejected(Partners.GP, Optional.of(NO_CONSENT), "NO_CONSENT");

        assertThat(summary.recent()).hasSize(2);
        assertThat(summary.recent().get(0)).matches("housing-mijnstreek +-> socialteam-heerlen +RENT_ARREARS +delivered");
        assertThat(summary.recent().get(1)).matches("gp-heerlen-centrum +-> socialteam-heerlen +PSYCHOSOCIAL_CONCERN +blocked: NO_CONSENT");
    }

    @Test
    void anOutcomeOtherThanTheScenarioExpectsIsCalledOut() {
        Summary summary = new Summary(5);
        summary.delivered(NO_CONSENT, Partners.SOCIAL_TEAM);
        summary.rejected(Partners.HOUSING, Optional.of(RENT_ARREARS), "NO_POLICY");
        summary.rejected(Partners.HOUSING, Optional.empty(), "UNDECODABLE");

        assertThat(summary.surprises()).isEqualTo(3);
        assertThat(summary.recent()).allMatch(line -> line.contains("UNEXPECTED") || line.contains("(unknown message)"));
    }

    @Test
    void keepsTheLatestDeliveriesAndTheLatestOtherEventsApartInArrivalOrder() {
        Summary summary = new Summary(2);
        summary.rejected(Partners.GP, Optional.of(NO_CONSENT), "NO_CONSENT");
        for (int i = 0; i < 10; i++) {
            summary.delivered(RENT_ARREARS, Partners.SOCIAL_TEAM);
        }
        summary.escalated(Partners.UWV, "REMINDER_TO_RECEIVER", "RECEIVED");

        List<String> recent = summary.recent();

        assertThat(recent).hasSize(4);
        assertThat(recent.get(0)).contains("NO_CONSENT"); // not pushed out by the ten deliveries
        assertThat(recent.get(1)).contains("delivered");
        assertThat(recent.get(2)).contains("delivered");
        assertThat(recent.get(3)).contains("ESCALATION");
    }

    @Test
    void theTableHasARowPerPartnerWithRejectionsByReason() {
        Summary summary = new Summary(3);
        summary.sent(Partners.HOUSING);
        summary.rejected(Partners.HOUSING, Optional.of(Scenario.HOUSING_TO_ENFORCEMENT.flow()), "NO_POLICY");
        summary.rejected(Partners.HOUSING, Optional.of(Scenario.INVALID_BSN.flow()), "INVALID_IDENTITY");
        summary.rejected(Partners.HOUSING, Optional.of(Scenario.HOUSING_TO_ENFORCEMENT.flow()), "NO_POLICY");

        String table = summary.render(Partners.ALL, "5 s");

        assertThat(table).contains("sent 1, delivered 0, rejected 3, surprises 0");
        assertThat(table.lines().filter(l -> l.startsWith("housing-mijnstreek"))).singleElement().asString()
                .endsWith("INVALID_IDENTITY: 1, NO_POLICY: 2");
        assertThat(table.lines().filter(l -> l.startsWith("wi-heerlen-enforcement"))).singleElement().asString().endsWith("-");
    }

    @Test
    void theLedgerSettlesEachMessageOnce() {
        SentLedger ledger = new SentLedger(2);
        ledger.sent("m1", RENT_ARREARS);
        ledger.sent("m2", RENT_ARREARS);
        ledger.sent("m3", NO_CONSENT); // over capacity: the eldest goes

        assertThat(ledger.settle("m1")).isEmpty();
        assertThat(ledger.settle("m3")).contains(NO_CONSENT);
        assertThat(ledger.settle("m3")).isEmpty();
        assertThat(ledger.settle(null)).isEmpty();
        assertThat(ledger.pending()).isEqualTo(1);
    }

    @Test
    void theGpsRestAndWebhookTrafficIsCountedBesideTheKafkaPartnersAsIdsAndCodesOnly() throws Exception {
        Summary summary = new Summary(5);
        SentLedger ledger = new SentLedger(10);
        summary.via(Partners.GP, "REST + webhook");
        List<WebhookInbox.Handoff> handoffs = new java.util.ArrayList<>();
        WebhookInbox inbox = new WebhookInbox(Partners.GP, ledger, summary, handoffs::add);
        ledger.sent("update-1", Flow.unpredicted(Partners.SOCIAL_TEAM, Partners.GP, "HANDOFF_RECEIVED"));
        ledger.sent("request-2", NO_CONSENT);
        summary.sent(Partners.GP);
        summary.sent(Partners.GP);
        summary.restAccepted(Partners.GP);
        summary.restRefused(Partners.GP, 422, "handoff-requests", "Unprocessable Entity");
        summary.webhookHandshake(Partners.GP);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

        inbox.handle(json.readTree("""
                {"type":"nl.iwa.hub.inbox.status-relay.v1","id":"e-1","data":{"originPartnerId":"socialteam-heerlen","causationId":"update-1",
                 "body":{"handoffId":"h-1","status":"RECEIVED"}}}"""));
        inbox.handle(json.readTree("""
                {"type":"nl.iwa.hub.inbox.rejection.v1","id":"e-2","data":{"originPartnerId":"hub",
                 "body":{"rejectedMessageId":"request-2","reasonCode":"NO_CONSENT"}}}"""));

        assertThat(summary.get(Partners.GP, Summary.RELAYS)).isEqualTo(1);
        assertThat(summary.get(Partners.SOCIAL_TEAM, Summary.DELIVERED)).isEqualTo(1);
        assertThat(summary.rejections(Partners.GP)).containsExactly(java.util.Map.entry("NO_CONSENT", 1L));
        assertThat(summary.surprises()).isZero();
        assertThat(ledger.pending()).isZero();
        String table = summary.render(Partners.ALL, "5 s");
        assertThat(table.lines().filter(l -> l.startsWith("gp-heerlen-centrum"))).singleElement().asString().contains("REST + webhook");
        assertThat(table).contains("REST in: 1 accepted (202), 1 refused (422: 1) · webhook out: 2 delivered (rejection: 1, status-relay: 1), 1 handshake");
        assertThat(table).contains("webhook nl.iwa.hub.inbox.status-relay.v1 id e-1 (RECEIVED)");
        assertThat(table.lines().filter(l -> l.startsWith("  housing-mijnstreek"))).isEmpty();
    }

    @Test
    void aHandoffDeliveredToAWebhookIsHandedToTheResponder() throws Exception {
        Summary summary = new Summary(5);
        List<WebhookInbox.Handoff> handoffs = new java.util.ArrayList<>();
        WebhookInbox inbox = new WebhookInbox(Partners.GP, new SentLedger(10), summary, handoffs::add);

        inbox.handle(new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"type":"nl.iwa.hub.inbox.handoff-delivery.v1","id":"e-3","data":{"originPartnerId":"socialteam-heerlen","causationId":"x",
                 "correlationId":"c-1","purpose":"PSYCHOSOCIAL_SUPPORT","body":{"handoffId":"h-9","reasonCode":"PSYCHOSOCIAL_CONCERN"}}}"""));

        assertThat(handoffs).containsExactly(new WebhookInbox.Handoff(Partners.GP, Partners.SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", "c-1", "h-9"));
        assertThat(summary.get(Partners.GP, Summary.RECEIVED)).isEqualTo(1);
        assertThat(WebhookInbox.kind("nl.iwa.hub.inbox.consent-withdrawn-notice.v1")).isEqualTo("consent-withdrawn-notice");
    }

    @Test
    void involvementNoticesAreCountedAndShownWithTheirCoordinator() {
        Summary summary = new Summary(10);

        summary.involvementNotice(Partners.HOUSING, "JOINED", java.util.List.of(Partners.GP, Partners.SOCIAL_TEAM), Partners.SOCIAL_TEAM);

        assertThat(summary.get(Partners.HOUSING, Summary.INVOLVEMENT)).isEqualTo(1);
        assertThat(summary.recent().get(0)).contains("INVOLVEMENT").contains("joined: " + Partners.GP + ", " + Partners.SOCIAL_TEAM)
                .contains("(coordinator " + Partners.SOCIAL_TEAM + ")");
        summary.involvementNotice(Partners.HOUSING, "COORDINATOR_CHANGED", java.util.List.of(Partners.SOCIAL_TEAM), Partners.SOCIAL_TEAM);
        assertThat(summary.render(java.util.List.of(Partners.HOUSING), "test")).contains("involvement notices")
                .contains(": 2, 1 of them naming a new coordinator, to [" + Partners.HOUSING + "]");
    }
}
