package nl.iwa.hub.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.iwa.hub.audit.TrailVerifier;
import nl.iwa.hub.audit.TrustedKeys;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.inbox.ConsentWithdrawnNotice;
import nl.iwa.hub.contract.inbox.Rejection;
import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testing.AuditProbe;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The privacy officer's view: consent withdrawal and expiry, subject access, blocked flows, audit integrity. */
class PrivacyOfficerIT extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PSYCHOSOCIAL = "PSYCHOSOCIAL_SUPPORT";

    static PartnerClient gp;
    static PartnerClient socialTeam;
    static PartnerClient housing;
    static PartnerClient uwv;
    static AuditProbe audit;

    @Autowired
    TestRestTemplate rest;

    @BeforeAll
    static void partners() {
        gp = partner("gp-heerlen-centrum");
        socialTeam = partner("socialteam-heerlen");
        housing = partner("housing-mijnstreek");
        uwv = partner("uwv-zuid-limburg");
        audit = new AuditProbe();
    }

    @AfterAll
    static void close() {
        List.of(gp, socialTeam, housing, uwv).forEach(PartnerClient::close);
        audit.close();
    }

    TestRestTemplate officer() {
        return rest.withBasicAuth("privacy-officer", PRIVACY_OFFICER_PASSWORD);
    }

    @Test
    void thePrivacyOfficerReadsDeliveryStateButNeverReplays() {
        String nowhere = "/api/ops/dead-letters/0/" + Long.MAX_VALUE + "/replay";

        assertThat(officer().postForEntity(nowhere, null, String.class).getStatusCode().value()).isEqualTo(403);
        assertThat(officer().getForEntity("/api/ops/dead-letters", String.class).getStatusCode().value()).isEqualTo(200);
        // ops may ask (and is told there is no such dead letter)
        assertThat(rest.withBasicAuth("ops", OPS_PASSWORD).postForEntity(nowhere, null, String.class).getStatusCode().value())
                .isEqualTo(404);
    }

    @Test
    void aResidentKnownByBsnToOneAndByNameToAnotherIsOneReportWhenBothAreGiven() {
        // Given housing knows the resident's BSN, and UWV only name, initials, birth date and postcode
        Subject resident = SyntheticResidents.next();
        Subject withoutBsn = Subject.newBuilder(resident).setBsn(null).build();
        OutboxMessage byBsn = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(resident)).build();
        OutboxMessage byName = uwv.message("wi-heerlen-support", "INCOME_CONTINUITY", Bodies.rentArrears(withoutBsn)).build();
        housing.send(byBsn);
        uwv.send(byName);
        await().atMost(WAIT).until(() -> List.of(byBsn, byName).stream().allMatch(m -> !audit.forMessage(m.getMessageId()).isEmpty()));
        Map<String, Object> name = Map.of("givenName", resident.getGivenName(), "familyName", resident.getFamilyName(),
                "birthDate", resident.getBirthDate().toString(), "postcode", resident.getPostcode());
        Map<String, Object> both = new java.util.HashMap<>(name);
        both.put("bsn", resident.getBsn());

        // Then each pseudonym finds its own flow, and both together find both
        assertThat(flowsFrom(Map.of("bsn", resident.getBsn()))).containsExactly("housing-mijnstreek");
        assertThat(flowsFrom(name)).containsExactly("uwv-zuid-limburg");
        // (in the order they were decided: the two pseudonyms may be decided on different partitions, either first)
        assertThat(flowsFrom(both)).containsExactlyInAnyOrder("housing-mijnstreek", "uwv-zuid-limburg");
        // and a name that identifies nobody is refused, not answered with someone else's flows
        Map<String, Object> nobody = new java.util.HashMap<>(name);
        nobody.put("familyName", "!!!");
        assertThat(officer().postForEntity("/api/privacy/subject-access", nobody, String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @SuppressWarnings("unchecked")
    private List<Object> flowsFrom(Map<String, Object> query) {
        ResponseEntity<List> json = officer().postForEntity("/api/privacy/subject-access", query, List.class);
        assertThat(json.getStatusCode()).isEqualTo(HttpStatus.OK);
        return ((List<Map<String, Object>>) json.getBody()).stream().map(f -> f.get("from")).toList();
    }

    @Test
    void withdrawalTellsEveryPastRecipientWhatToStopProcessing() {
        // Given two handoffs delivered to the social team under one consent
        Subject resident = SyntheticResidents.next();
        String caseId = UUID.randomUUID().toString();
        String consentId = UUID.randomUUID().toString();
        gp.send(gp.message("hub", PSYCHOSOCIAL, Bodies.grant(consentId, resident, PSYCHOSOCIAL, "socialteam-heerlen",
                "IDENTITY", "CONTACT", "WELLBEING")).setCorrelationId(caseId).build());
        OutboxMessage first = gp.message("socialteam-heerlen", PSYCHOSOCIAL, Bodies.psychosocial(resident)).setCorrelationId(caseId).build();
        OutboxMessage second = gp.message("socialteam-heerlen", PSYCHOSOCIAL, Bodies.psychosocial(resident)).setCorrelationId(caseId).build();
        gp.send(first);
        gp.send(second);
        List<String> deliveryIds = new ArrayList<>();
        for (OutboxMessage m : List.of(first, second)) {
            deliveryIds.add(await().atMost(WAIT).until(() -> socialTeam.inbox().values().stream()
                    .filter(i -> m.getMessageId().equals(i.getCausationId())).toList(), l -> !l.isEmpty()).get(0).getMessageId());
        }

        // When the resident withdraws the consent
        gp.send(gp.message("hub", PSYCHOSOCIAL, Bodies.withdraw(consentId, resident)).setCorrelationId(caseId).build());

        // Then the social team is told, naming exactly the deliveries it received under that consent
        ConsentWithdrawnNotice notice = (ConsentWithdrawnNotice) await().atMost(WAIT).until(() -> socialTeam.inbox().values().stream()
                .filter(i -> i.getBody() instanceof ConsentWithdrawnNotice n && n.getConsentId().equals(consentId)).toList(),
                l -> !l.isEmpty()).get(0).getBody();
        assertThat(notice.getDeliveredMessageIds()).containsExactlyInAnyOrderElementsOf(deliveryIds);
        assertThat(notice.getCorrelationIds()).containsExactly(caseId);
        // and a partner that received nothing under it is not
        assertThat(housing.inbox().readToEnd()).noneMatch(r -> r.value().getBody() instanceof ConsentWithdrawnNotice n
                && n.getConsentId().equals(consentId));
    }

    @Test
    void anExpiredConsentNoLongerCounts() {
        Subject resident = SyntheticResidents.next();
        String caseId = UUID.randomUUID().toString();
        ConsentChange shortLived = Bodies.grant(UUID.randomUUID().toString(), resident, PSYCHOSOCIAL, "socialteam-heerlen",
                "IDENTITY", "CONTACT", "WELLBEING");
        shortLived.setValidFrom(TestClock.INSTANCE.instant().minusSeconds(60));
        shortLived.setValidUntil(TestClock.INSTANCE.instant().plus(Duration.ofDays(1)));
        gp.send(gp.message("hub", PSYCHOSOCIAL, shortLived).setCorrelationId(caseId).build());
        OutboxMessage before = gp.message("socialteam-heerlen", PSYCHOSOCIAL, Bodies.psychosocial(resident)).setCorrelationId(caseId).build();
        gp.send(before);
        await().atMost(WAIT).until(() -> socialTeam.inbox().values().stream().anyMatch(i -> before.getMessageId().equals(i.getCausationId())));

        TestClock.INSTANCE.advance(Duration.ofDays(2));
        OutboxMessage after = gp.message("socialteam-heerlen", PSYCHOSOCIAL, Bodies.psychosocial(resident)).setCorrelationId(caseId).build();
        gp.send(after);

        Rejection rejection = (Rejection) await().atMost(WAIT).until(() -> gp.inbox().values().stream()
                .filter(i -> i.getBody() instanceof Rejection r && after.getMessageId().equals(r.getRejectedMessageId())).toList(),
                l -> !l.isEmpty()).get(0).getBody();
        assertThat(rejection.getReasonCode()).isEqualTo(ReasonCode.NO_CONSENT);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void subjectAccessReportListsExactlyTheFlowsAboutTheResident() {
        // Given a seeded scenario: two delivered flows and one blocked one about one resident
        Subject resident = SyntheticResidents.next();
        OutboxMessage arrears = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(resident)).build();
        OutboxMessage benefit = uwv.message("wi-heerlen-support", "INCOME_CONTINUITY", Bodies.rentArrears(resident)).build();
        OutboxMessage blocked = housing.message("wi-heerlen-enforcement", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(resident)).build();
        housing.send(arrears);
        uwv.send(benefit);
        housing.send(blocked);
        await().atMost(WAIT).until(() -> List.of(arrears, benefit, blocked).stream()
                .allMatch(m -> !audit.forMessage(m.getMessageId()).isEmpty()));

        // When the privacy officer asks for the resident's report, by BSN in the request body
        ResponseEntity<List> json = officer().postForEntity("/api/privacy/subject-access", Map.of("bsn", resident.getBsn()), List.class);
        ResponseEntity<String> csv = officer().postForEntity("/api/privacy/subject-access?format=csv", Map.of("bsn", resident.getBsn()), String.class);

        // Then it lists exactly the two flows, with sender, receiver, purpose, basis and fields
        assertThat(json.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<Map<String, Object>> flows = json.getBody();
        // (in the order they were decided: two outboxes feed the resident's partition, so not necessarily as sent)
        assertThat(flows).extracting(f -> f.get("from") + ">" + f.get("to") + ":" + f.get("purpose") + ":" + f.get("legalBasis"))
                .containsExactlyInAnyOrder("housing-mijnstreek>socialteam-heerlen:EARLY_DEBT_SIGNALLING:LEGAL_DUTY",
                        "uwv-zuid-limburg>wi-heerlen-support:INCOME_CONTINUITY:LEGAL_DUTY");
        assertThat(flows).extracting(f -> java.time.Instant.parse((String) f.get("when"))).isSorted();
        Map<Object, Map<String, Object>> byFrom = flows.stream().collect(java.util.stream.Collectors.toMap(f -> f.get("from"), f -> f));
        assertThat((String) byFrom.get("housing-mijnstreek").get("fields")).contains("subject.bsn", "facts.arrearsMonths")
                .doesNotContain("facts.freeText");
        assertThat(byFrom.get("uwv-zuid-limburg").get("fields"))
                .isEqualTo("subject.bsn subject.givenName subject.familyName subject.birthDate facts.benefitType facts.benefitEndDate");
        assertThat(csv.getBody().lines().toList()).hasSize(3);
        assertThat(csv.getBody().lines().findFirst().orElseThrow()).startsWith("when,from,to,messageType,purpose,legalBasis");
        assertThat(csv.getBody()).doesNotContain(resident.getBsn(), resident.getFamilyName());

        // And the blocked-flows report counts the blocked one
        List<Map<String, Object>> blockedFlows = officer().getForObject("/api/privacy/blocked", List.class);
        assertThat(blockedFlows).anySatisfy(b -> {
            assertThat(b.get("senderPartnerId")).isEqualTo("housing-mijnstreek");
            assertThat(b.get("receiverPartnerId")).isEqualTo("wi-heerlen-enforcement");
            assertThat(b.get("reasonCode")).isEqualTo("NO_POLICY");
        });
        // and per day: the blocked one is in today's NO_POLICY count; a week is seven days; codes and counts only
        Map<String, Object> daily = officer().getForObject("/api/privacy/blocked/daily?days=7", Map.class);
        assertThat((List<String>) daily.get("days")).hasSize(7);
        assertThat((List<String>) daily.get("reasons")).contains("NO_POLICY");
        assertThat(daily.toString()).doesNotContain(resident.getBsn(), "wi-heerlen-enforcement");
        assertThat(officer().getForEntity("/api/privacy/blocked/daily?days=0", String.class).getStatusCode().value()).isEqualTo(400);
        assertThat(rest.withBasicAuth("ops", OPS_PASSWORD).getForEntity("/api/privacy/blocked/daily", String.class)
                .getStatusCode().value()).isEqualTo(403);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAuditSearchPagesWithoutPseudonymsAndEveryLookupIsOnTheTrail() {
        // Given five signals in one case: three about one resident, two about others (on other chains, likely)
        String caseId = UUID.randomUUID().toString();
        Subject resident = SyntheticResidents.next();
        List<OutboxMessage> sent = new ArrayList<>();
        for (Subject about : List.of(resident, resident, resident, SyntheticResidents.next(), SyntheticResidents.next())) {
            OutboxMessage m = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(about))
                    .setCorrelationId(caseId).build();
            housing.send(m);
            sent.add(m);
        }
        await().atMost(WAIT).until(() -> sent.stream().allMatch(m -> !audit.forMessage(m.getMessageId()).isEmpty()));

        // When the privacy officer searches the case two records a page
        Map<String, Object> first = officer().getForObject("/api/privacy/audit?caseId=" + caseId + "&limit=2", Map.class);
        Map<String, Object> second = officer().getForObject("/api/privacy/audit?caseId=" + caseId + "&limit=2&after=" + first.get("next"), Map.class);
        Map<String, Object> third = officer().getForObject("/api/privacy/audit?caseId=" + caseId + "&limit=2&after=" + second.get("next"), Map.class);

        // Then the pages follow on, oldest first, whichever chain a record is on, each record once, and end
        List<Map<String, Object>> page1 = (List<Map<String, Object>>) first.get("records");
        List<Map<String, Object>> page2 = (List<Map<String, Object>>) second.get("records");
        List<Map<String, Object>> page3 = (List<Map<String, Object>>) third.get("records");
        List<Map<String, Object>> all = new ArrayList<>(page1);
        all.addAll(page2);
        all.addAll(page3);
        assertThat(List.of(page1.size(), page2.size(), page3.size())).containsExactly(2, 2, 1);
        assertThat(all).extracting(r -> r.get("messageId"))
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(OutboxMessage::getMessageId).toList());
        assertThat(all).extracting(r -> java.time.Instant.parse((String) r.get("recordedAt"))).isSorted();
        assertThat(third.get("next")).isNull();
        assertThat(officer().getForEntity("/api/privacy/audit?after=0-1.x", String.class).getStatusCode().value()).isEqualTo(400);
        // and no page hands out who the hub knows: the pseudonym is not in the search
        assertThat(page1.get(0)).doesNotContainKey("subjectPseudonym");
        assertThat(first.toString()).doesNotContain(audit.forMessage(sent.get(0).getMessageId()).get(0).getSubjectPseudonym());
        assertThat(officer().getForEntity("/api/privacy/audit?limit=100000", String.class).getStatusCode().value()).isEqualTo(400);

        // And the search and a subject access lookup are on the trail, naming the officer and whom was looked up
        officer().postForEntity("/api/privacy/subject-access", Map.of("bsn", resident.getBsn()), List.class);
        String pseudonym = audit.forMessage(sent.get(0).getMessageId()).get(0).getSubjectPseudonym();
        List<AuditRecord> lookups = await().atMost(WAIT).until(() -> audit.all().stream()
                .filter(r -> r.getDecision() == nl.iwa.hub.contract.audit.Decision.LOOKED_UP && pseudonym.equals(r.getSubjectPseudonym())).toList(),
                l -> !l.isEmpty());
        assertThat(lookups.get(0).getActor()).isEqualTo("privacy-officer");
        assertThat(lookups.get(0).getDetail()).isEqualTo("subject access report, 3 flows");
        assertThat(audit.all()).anySatisfy(r -> {
            assertThat(r.getDecision()).isEqualTo(nl.iwa.hub.contract.audit.Decision.VIEWED);
            assertThat(r.getDetail()).contains("audit search", "caseId=" + caseId);
            assertThat(r.getActor()).isEqualTo("privacy-officer");
        });
    }

    @Test
    void theAuditChainVerifiesAndAModifiedCopyIsCaught() {
        housing.send(housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(SyntheticResidents.next())).build());

        Map<?, ?> verdict = await().atMost(WAIT).until(() -> officer().getForObject("/api/privacy/audit/verify", Map.class),
                v -> ((Number) v.get("records")).longValue() > 3);
        assertThat(verdict.get("intact")).isEqualTo(true);

        List<AuditRecord> copy = await().atMost(WAIT).until(() -> new ArrayList<>(audit.longestChain()), l -> l.size() > 3);
        assertThat(chainOnly(copy).firstBrokenAuditId()).isNull();

        List<AuditRecord> changed = new ArrayList<>(copy);
        changed.set(1, AuditRecord.newBuilder(copy.get(1)).setReceiverPartnerId("somebody-else").build());
        TrailVerifier.Verification afterChange = chainOnly(changed);
        assertThat(afterChange.intact()).isFalse();
        assertThat(afterChange.firstBrokenAuditId()).isEqualTo(copy.get(1).getAuditId());
        assertThat(afterChange.problem()).contains("changed");

        List<AuditRecord> removed = new ArrayList<>(copy);
        removed.remove(1);
        assertThat(chainOnly(removed).firstBrokenAuditId()).isEqualTo(copy.get(2).getAuditId());

        List<AuditRecord> reordered = new ArrayList<>(copy);
        Collections.swap(reordered, 1, 2);
        assertThat(chainOnly(reordered).firstBrokenAuditId()).isEqualTo(copy.get(2).getAuditId());
    }

    /** The hash chain of a copy alone, without the seals (whose absence is then one more problem, at the end). */
    private static TrailVerifier.Verification chainOnly(List<AuditRecord> chain) {
        TrailVerifier verifier = new TrailVerifier(List.of(), 1, new TrustedKeys(List.of()), -1, java.time.Instant.now());
        chain.forEach(r -> verifier.accept(0, r));
        return verifier.finish();
    }

    @Test
    @SuppressWarnings("rawtypes")
    void onlyThePrivacyOfficerMayAsk() {
        assertThat(rest.getForEntity("/api/privacy/policies", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("ops", OPS_PASSWORD).getForEntity("/api/privacy/policies", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<List> matrix = officer().getForEntity("/api/privacy/policies", List.class);
        assertThat(matrix.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(matrix.getBody()).hasSize(6);
        assertThat(matrix.getBody().toString()).contains("gp-socialteam-psychosocial", "CONSENT", "Wet SUWI art. 54 en 62");
        Map<?, ?> rentArrears = (Map<?, ?>) matrix.getBody().stream()
                .filter(r -> "housing-socialteam-rent-arrears".equals(((Map<?, ?>) r).get("policyId"))).findFirst().orElseThrow();
        assertThat((Map<Object, Object>) rentArrears.get("involvement")).as("the matrix shows who may learn of the flow's parties")
                .containsEntry("legalBasis", "PUBLIC_TASK").containsEntry("windowDays", 90)
                .containsEntry("revealTo", List.of("HOUSING", "SOCIAL_TEAM", "WORK_AND_INCOME"));
    }
}
