package nl.iwa.hub.intake;

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
import java.util.stream.Collectors;
import nl.iwa.hub.audit.kafka.AuditIndex;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.inbox.Rejection;
import nl.iwa.hub.contract.inbox.StatusRelay;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testing.StandaloneHub;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.testkit.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The re-keyed intake (docs/engine-design.md): outbox records re-keyed by resident onto the decide topic and decided
 * from there, on the real broker and registry. The order a partner gave its records within a case (one outbox partition) survives the re-keying:
 * a consent just before a handoff is honoured, and a status update sent right behind its request is decided after
 * it, though the two travel different topics. Records of different cases have no order on the outboxes, so none is
 * promised between them; what is, is that each is decided against everything already decided about the resident,
 * whatever its case.
 */
class RekeyedIntakeIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String PURPOSE = "WORK_REINTEGRATION";
    private static final String SOCIAL = "socialteam-heerlen";
    private static final String UWV = "uwv-zuid-limburg";

    @Test
    void aCasesConsentHandoffAndUpdateKeepTheirOrderAndAWithdrawalBlocksTheFlowsOfEveryCase() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        String prefix = "rekeyed" + UUID.randomUUID().toString().substring(0, 8);
        try (StandaloneHub hub = StandaloneHub.start(prefix, "--iwa.intake.update-wait=3s");
             PartnerClient social = new PartnerClient(SOCIAL, prefix, infra.partnerConnection(SOCIAL).properties(), infra.registryUrl());
             PartnerClient uwv = new PartnerClient(UWV, prefix, infra.partnerConnection(UWV).properties(), infra.registryUrl())) {
            Subject resident = SyntheticResidents.next();
            String consentId = UUID.randomUUID().toString();

            // When the social team records the resident's consent, asks UWV to take over and cancels at once, all three
            // in one case and sent back to back
            String caseId = UUID.randomUUID().toString();
            send(social, "hub", caseId, Bodies.grant(consentId, resident, PURPOSE, UWV, "IDENTITY", "CONTACT", "INCOME", "PARTICIPATION", "FREE_TEXT"));
            HandoffRequest request = Bodies.workReintegration(resident);
            OutboxMessage requested = send(social, UWV, caseId, request);
            HandoffUpdate cancel = Bodies.update(request.getHandoffId(), HandoffStatus.CANCELLED);
            cancel.setReasonCode("RESIDENT_MOVED");
            OutboxMessage cancelled = send(social, UWV, caseId, cancel);

            // Then the handoff is delivered under that consent, and then cancelled: UWV is told both, in that order
            await().atMost(WAIT).until(() -> relays(uwv, request.getHandoffId()).contains(HandoffStatus.CANCELLED));
            List<InboxMessage> atUwv = uwv.inbox().values();
            int delivery = indexOf(atUwv, m -> requested.getMessageId().equals(m.getCausationId()));
            int relay = indexOf(atUwv, m -> m.getBody() instanceof StatusRelay r && r.getStatus() == HandoffStatus.CANCELLED);
            assertThat(delivery).as("the delivery of the request").isGreaterThanOrEqualTo(0).isLessThan(relay);
            AuditRecord audited = awaitAudit(hub, requested, Decision.DELIVERED);
            assertThat(audited.getConsentReference()).isEqualTo(consentId);
            // the audit names the outbox the request was written to, not the internal topic it was decided from
            assertThat(audited.getSourceTopic()).isEqualTo(social.outbox());
            assertThat(awaitAudit(hub, cancelled, Decision.STATUS_CHANGED).getSourceTopic()).isEqualTo(social.outbox());

            // When the resident withdraws, recorded in another case, and a new handoff follows in a third case
            OutboxMessage withdrawn = send(social, "hub", UUID.randomUUID().toString(), Bodies.withdraw(consentId, resident));
            awaitAudit(hub, withdrawn, Decision.CONSENT_WITHDRAWN);
            OutboxMessage afterWithdrawal = send(social, UWV, UUID.randomUUID().toString(), Bodies.workReintegration(resident));
            // Then it is refused for want of consent
            assertThat(rejectionFor(social, afterWithdrawal).getReasonCode()).isEqualTo(ReasonCode.NO_CONSENT);

            // When UWV updates a handoff that does not exist, it is answered once the update's wait is over
            OutboxMessage unknown = uwv.message(SOCIAL, PURPOSE, Bodies.update(UUID.randomUUID().toString(), HandoffStatus.RECEIVED)).build();
            ((HandoffUpdate) unknown.getBody()).setAccountable("team-werkfit-heerlen");
            uwv.send(unknown);
            assertThat(rejectionFor(uwv, unknown).getReasonCode()).isEqualTo(ReasonCode.UNKNOWN_HANDOFF);

            // And readiness follows the intake topology, which runs
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + hub.port() + "/actuator/health/readiness"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            ("ops:" + HubIntegrationTest.OPS_PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"intake\"").contains("\"topology\":\"RUNNING\"");

            // And all of it was decided from the decide topic, each record once: the resident's five under one key
            // (a pseudonym, not a name or BSN), the update that names no known handoff under its handoff id
            try (TopicProbe<byte[]> decide = new TopicProbe<>(infra.adminConnection().properties(), prefix + ".hub.decide",
                    new ByteArrayDeserializer())) {
                Map<String, Long> perKey = await().atMost(WAIT).until(() -> decide.readToEnd().stream()
                        .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting())), m -> m.size() == 2);
                assertThat(perKey).containsEntry(((HandoffUpdate) unknown.getBody()).getHandoffId(), 1L).containsValue(5L);
                String residentKey = perKey.entrySet().stream().filter(e -> e.getValue() == 5L).findFirst().orElseThrow().getKey();
                assertThat(residentKey).doesNotContain(resident.getBsn()).doesNotContainIgnoringCase(resident.getFamilyName());
            }
        }
    }

    private static OutboxMessage send(PartnerClient from, String to, String caseId, Object body) {
        OutboxMessage m = from.message(to, PURPOSE, body).setCorrelationId(caseId).build();
        from.send(m);
        return m;
    }

    private static List<HandoffStatus> relays(PartnerClient to, String handoffId) {
        return to.inbox().values().stream().map(InboxMessage::getBody)
                .filter(b -> b instanceof StatusRelay r && r.getHandoffId().equals(handoffId))
                .map(b -> ((StatusRelay) b).getStatus()).toList();
    }

    private static int indexOf(List<InboxMessage> messages, java.util.function.Predicate<InboxMessage> which) {
        for (int i = 0; i < messages.size(); i++) {
            if (which.test(messages.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static AuditRecord awaitAudit(StandaloneHub hub, OutboxMessage m, Decision decision) {
        return await().atMost(WAIT).until(() -> hub.bean(AuditIndex.class)
                .find(a -> m.getMessageId().equals(a.getMessageId()) && a.getDecision() == decision), l -> !l.isEmpty()).get(0);
    }

    private static Rejection rejectionFor(PartnerClient to, OutboxMessage m) {
        return await().atMost(WAIT).until(() -> to.inbox().values().stream().map(InboxMessage::getBody)
                .filter(b -> b instanceof Rejection r && m.getMessageId().equals(r.getRejectedMessageId()))
                .map(b -> (Rejection) b).findFirst(), java.util.Optional::isPresent).get();
    }
}
