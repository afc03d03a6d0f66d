package nl.iwa.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.common.CaseFacts;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.inbox.HandoffDelivery;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.inbox.Rejection;
import nl.iwa.hub.contract.inbox.SignalDelivery;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testing.AuditProbe;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testkit.TopicProbe;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The foundation's flows over the real broker and registry, from the partners' point of view. */
class LawfulFlowIT extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    static PartnerClient housing;
    static PartnerClient socialTeam;
    static PartnerClient wiSupport;
    static PartnerClient wiEnforcement;
    static PartnerClient gp;
    static AuditProbe audit;

    @BeforeAll
    static void partners() {
        housing = partner("housing-mijnstreek");
        socialTeam = partner("socialteam-heerlen");
        wiSupport = partner("wi-heerlen-support");
        wiEnforcement = partner("wi-heerlen-enforcement");
        gp = partner("gp-heerlen-centrum");
        audit = new AuditProbe();
    }

    @AfterAll
    static void close() {
        for (AutoCloseable c : new AutoCloseable[] {housing, socialTeam, wiSupport, wiEnforcement, gp, audit}) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void rentArrearsSignalReachesTheSocialTeamWithExactlyTheAllowedFields() {
        // Given a resident in rent arrears, and a housing corporation that fills in more than it may pass on
        Subject resident = SyntheticResidents.next();
        OutboxMessage signal = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(resident)).build();

        // When the housing corporation writes the signal to its outbox
        housing.send(signal);

        // Then the social team receives it with identity, address, contact and arrears only
        InboxMessage delivered = await().atMost(WAIT).until(() -> socialTeam.inboxFor(signal.getCorrelationId()), l -> !l.isEmpty()).get(0);
        assertThat(delivered.getOriginPartnerId()).isEqualTo("housing-mijnstreek");
        assertThat(delivered.getPolicyId()).isEqualTo("housing-socialteam-rent-arrears");
        assertThat(delivered.getCausationId()).isEqualTo(signal.getMessageId());
        SignalDelivery body = (SignalDelivery) delivered.getBody();
        assertThat(body.getSubject()).isEqualTo(resident);
        assertThat(body.getFacts()).isEqualTo(CaseFacts.newBuilder()
                .setArrearsMonths(2).setArrearsAmountCents(148_000L).setConcernCodes(List.of()).build());

        // And the audit names what was delivered and what was removed, by field name only
        AuditRecord record = await().atMost(WAIT).until(() -> audit.forMessage(signal.getMessageId()), l -> !l.isEmpty()).get(0);
        assertThat(record.getDecision()).isEqualTo(Decision.DELIVERED);
        assertThat(record.getLegalBasis()).hasToString("LEGAL_DUTY");
        assertThat(record.getFieldsRemoved()).containsExactlyInAnyOrder("facts.benefitType", "facts.benefitEndDate",
                "facts.trajectoryCode", "facts.missedAppointments", "facts.concernCodes", "facts.medicalDetail", "facts.freeText");
        assertThat(record.getFieldsDelivered()).contains("subject.bsn", "facts.arrearsMonths").hasSize(12);
    }

    @Test
    void consentBasedFlowIsBlockedWithoutConsentDeliveredWithItAndBlockedAfterWithdrawal() {
        // One case: the consent changes share the case's correlation id (and so its partition) with the signals
        Subject resident = SyntheticResidents.next();
        String purpose = "SUPPORT_COORDINATION";
        String caseId = UUID.randomUUID().toString();

        // Given no consent: the drop-out signal is blocked and the sender is told why
        OutboxMessage first = wiSupport.message("socialteam-heerlen", purpose, Bodies.dropOut(resident)).setCorrelationId(caseId).build();
        wiSupport.send(first);
        Rejection rejection = rejectionFor(wiSupport, first);
        assertThat(rejection.getReasonCode()).isEqualTo(ReasonCode.NO_CONSENT);
        assertThat(rejection.getRejectedMessageId()).isEqualTo(first.getMessageId());
        assertThat(socialTeam.inbox().readToEnd()).noneMatch(r -> first.getMessageId().equals(r.value().getCausationId()));

        // When the resident consents (recorded by W&I), the same kind of signal is delivered
        String consentId = UUID.randomUUID().toString();
        wiSupport.send(wiSupport.message("hub", purpose,
                Bodies.grant(consentId, resident, purpose, "socialteam-heerlen", "IDENTITY", "CONTACT", "PARTICIPATION"))
                .setCorrelationId(caseId).build());
        OutboxMessage second = wiSupport.message("socialteam-heerlen", purpose, Bodies.dropOut(resident)).setCorrelationId(caseId).build();
        wiSupport.send(second);
        SignalDelivery body = (SignalDelivery) deliveryOf(socialTeam, second).getBody();
        assertThat(body.getFacts().getMissedAppointments()).isEqualTo(3);
        assertThat(body.getFacts().getFreeText()).isNull();
        assertThat(body.getSubject().getPostcode()).isNull();
        assertThat(await().atMost(WAIT).until(() -> audit.forMessage(second.getMessageId()), l -> !l.isEmpty()).get(0)
                .getConsentReference()).isEqualTo(consentId);

        // And after withdrawal it is blocked again
        wiSupport.send(wiSupport.message("hub", purpose, Bodies.withdraw(consentId, resident)).setCorrelationId(caseId).build());
        OutboxMessage third = wiSupport.message("socialteam-heerlen", purpose, Bodies.dropOut(resident)).setCorrelationId(caseId).build();
        wiSupport.send(third);
        assertThat(rejectionFor(wiSupport, third).getReasonCode()).isEqualTo(ReasonCode.NO_CONSENT);
        assertThat(socialTeam.inbox().readToEnd()).noneMatch(r -> third.getMessageId().equals(r.value().getCausationId()));
    }

    @Test
    void consentCoversOnlyTheCategoriesItNames() {
        // Given a consent for identity only, while the GP flow passes on contact and wellbeing data too
        Subject resident = SyntheticResidents.next();
        String purpose = "PSYCHOSOCIAL_SUPPORT";
        String caseId = UUID.randomUUID().toString();
        gp.send(gp.message("hub", purpose, Bodies.grant(UUID.randomUUID().toString(), resident, purpose, "socialteam-heerlen", "IDENTITY"))
                .setCorrelationId(caseId).build());

        OutboxMessage handoff = gp.message("socialteam-heerlen", purpose, Bodies.psychosocial(resident)).setCorrelationId(caseId).build();
        gp.send(handoff);

        assertThat(rejectionFor(gp, handoff).getReasonCode()).isEqualTo(ReasonCode.NO_CONSENT);
    }

    @Test
    void aConsentRecordedByAPartnerThatMayNotRecordItUnblocksNothing() {
        // Given the housing corporation (no sender of psychosocial handoffs) records the resident's consent for them
        Subject resident = SyntheticResidents.next();
        String purpose = "PSYCHOSOCIAL_SUPPORT";
        String caseId = UUID.randomUUID().toString();
        OutboxMessage forged = housing.message("hub", purpose, Bodies.grant(UUID.randomUUID().toString(), resident, purpose,
                "socialteam-heerlen", "IDENTITY", "CONTACT", "WELLBEING")).setCorrelationId(caseId).build();
        housing.send(forged);

        // Then housing is told it may not, and the GP's handoff for that resident is still blocked for lack of consent
        Rejection refused = rejectionFor(housing, forged);
        assertThat(refused.getReasonCode()).isEqualTo(ReasonCode.NOT_AUTHORISED);
        assertThat(refused.getReason()).contains("purpose PSYCHOSOCIAL_SUPPORT").doesNotContain(resident.getBsn());
        OutboxMessage handoff = gp.message("socialteam-heerlen", purpose, Bodies.psychosocial(resident)).setCorrelationId(caseId).build();
        gp.send(handoff);
        assertThat(rejectionFor(gp, handoff).getReasonCode()).isEqualTo(ReasonCode.NO_CONSENT);
    }

    @Test
    void aConsentWithoutEvidenceIsRefused() {
        Subject resident = SyntheticResidents.next();
        String purpose = "PSYCHOSOCIAL_SUPPORT";
        var grant = Bodies.grant(UUID.randomUUID().toString(), resident, purpose, "socialteam-heerlen", "IDENTITY");
        grant.setEvidenceReference(null);
        OutboxMessage unproven = gp.message("hub", purpose, grant).build();

        gp.send(unproven);

        Rejection refused = rejectionFor(gp, unproven);
        assertThat(refused.getReasonCode()).isEqualTo(ReasonCode.NOT_AUTHORISED);
        assertThat(refused.getReason()).contains("evidenceReference");
    }

    @Test
    void gpHandoffWithConsentNeverCarriesMedicalDetail() {
        Subject resident = SyntheticResidents.next();
        String purpose = "PSYCHOSOCIAL_SUPPORT";
        String caseId = UUID.randomUUID().toString();
        gp.send(gp.message("hub", purpose, Bodies.grant(UUID.randomUUID().toString(), resident, purpose,
                "socialteam-heerlen", "IDENTITY", "CONTACT", "WELLBEING")).setCorrelationId(caseId).build());
        OutboxMessage handoff = gp.message("socialteam-heerlen", purpose, Bodies.psychosocial(resident)).setCorrelationId(caseId).build();

        gp.send(handoff);

        InboxMessage delivered = deliveryOf(socialTeam, handoff);
        HandoffDelivery body = (HandoffDelivery) delivered.getBody();
        assertThat(body.getFacts().getMedicalDetail()).isNull();
        assertThat(body.getFacts().getConcernCodes()).containsExactly("LONELINESS", "FINANCIAL_STRESS");
        assertThat(body.getSubject().getBirthDate()).isNull();
    }

    @Test
    void flowsWithoutPolicyOrAgainstPurposeSeparationAreBlocked() {
        Subject resident = SyntheticResidents.next();
        OutboxMessage toEnforcement = housing.message("wi-heerlen-enforcement", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(resident)).build();
        OutboxMessage socialToEnforcement = socialTeam.message("wi-heerlen-enforcement", "SUPPORT_COORDINATION", Bodies.dropOut(resident)).build();

        housing.send(toEnforcement);
        socialTeam.send(socialToEnforcement);

        assertThat(rejectionFor(housing, toEnforcement).getReasonCode()).isEqualTo(ReasonCode.NO_POLICY);
        assertThat(rejectionFor(socialTeam, socialToEnforcement).getReasonCode()).isEqualTo(ReasonCode.PURPOSE_SEPARATION);
        assertThat(wiEnforcement.inbox().readToEnd()).extracting(r -> r.value().getCausationId())
                .doesNotContain(toEnforcement.getMessageId(), socialToEnforcement.getMessageId());
    }

    @Test
    void invalidMessagesAreRejectedWithPreciseReasons() {
        Subject badBsn = SyntheticResidents.next();
        badBsn.setBsn("123456789");
        OutboxMessage invalidIdentity = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(badBsn)).build();
        OutboxMessage unknownReceiver = housing.message("housing-elsewhere", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(SyntheticResidents.next())).build();
        OutboxMessage spoofed = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(SyntheticResidents.next()))
                .setSenderPartnerId("uwv-zuid-limburg").build();
        OutboxMessage future = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(SyntheticResidents.next()))
                .setOccurredAt(java.time.Instant.now().plus(Duration.ofDays(30))).build();

        for (OutboxMessage m : List.of(invalidIdentity, unknownReceiver, spoofed, future)) {
            housing.send(m);
        }

        assertThat(rejectionFor(housing, invalidIdentity).getReasonCode()).isEqualTo(ReasonCode.INVALID_IDENTITY);
        assertThat(rejectionFor(housing, unknownReceiver).getReasonCode()).isEqualTo(ReasonCode.UNKNOWN_RECEIVER);
        assertThat(rejectionFor(housing, spoofed).getReasonCode()).isEqualTo(ReasonCode.SENDER_MISMATCH);
        assertThat(rejectionFor(housing, future).getReasonCode()).isEqualTo(ReasonCode.IMPLAUSIBLE_TIMESTAMP);
    }

    @Test
    void garbageGoesToTheDeadLetterTopicAndTheNextValidRecordIsStillDelivered() {
        TestInfrastructure infra = TestInfrastructure.get();
        try (TopicProbe<byte[]> dlq = new TopicProbe<>(infra.adminConnection().properties(), "iwa.hub.dlq", new ByteArrayDeserializer())) {
            // Given garbage on the housing outbox, followed by a valid signal
            byte[] garbage = ("not avro at all " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
            var written = housing.sendRaw(garbage);
            long offset = written.offset();
            OutboxMessage valid = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(SyntheticResidents.next())).build();
            housing.send(valid);

            // Then the garbage is in the DLQ with its error headers
            var dead = await().atMost(WAIT).until(() -> dlq.records().stream()
                    .filter(r -> java.util.Arrays.equals(r.value(), garbage)).toList(), l -> !l.isEmpty()).get(0);
            assertThat(header(dead, "iwa.error.reason-code")).isEqualTo("UNDECODABLE");
            assertThat(header(dead, "iwa.error.class")).isEqualTo("WrongMagicByte");
            assertThat(header(dead, "iwa.source.topic")).isEqualTo("iwa.housing-mijnstreek.outbox");
            assertThat(header(dead, "iwa.source.offset")).isEqualTo(Long.toString(offset));

            // And the sender has a rejection naming the record's coordinates
            Rejection rejection = await().atMost(WAIT).until(() -> housing.inbox().values().stream()
                    .filter(m -> m.getBody() instanceof Rejection r && r.getSourceOffset() == offset
                            && r.getSourcePartition() == written.partition() && r.getSourceTopic().equals(housing.outbox()))
                    .map(m -> (Rejection) m.getBody()).toList(), l -> !l.isEmpty()).get(0);
            assertThat(rejection.getReasonCode()).isEqualTo(ReasonCode.UNDECODABLE);

            // And the next valid record is still delivered
            await().atMost(WAIT).until(() -> socialTeam.inboxFor(valid.getCorrelationId()), l -> !l.isEmpty());
        }
    }

    @Test
    void validAvroOfAnotherSchemaIsRejectedAsSchemaInvalid() {
        // A partner mistakenly writes an inbox-shaped record (valid Avro, registered schema) to its outbox
        InboxMessage wrong = InboxMessage.newBuilder().setMessageId(UUID.randomUUID().toString())
                .setCorrelationId(UUID.randomUUID().toString()).setOriginPartnerId("x").setReceiverPartnerId("y")
                .setCreatedAt(java.time.Instant.now())
                .setBody(Rejection.newBuilder().setReason("r").setReasonCode(ReasonCode.OTHER).setSourceTopic("t")
                        .setSourcePartition(0).setSourceOffset(0).build())
                .build();
        var written = gp.sendAny("k", wrong, TestInfrastructure.get().registryWriter());

        Rejection rejection = await().atMost(WAIT).until(() -> gp.inbox().values().stream()
                .filter(m -> m.getBody() instanceof Rejection r && r.getSourceOffset() == written.offset()
                        && r.getSourcePartition() == written.partition() && r.getSourceTopic().equals(gp.outbox()))
                .map(m -> (Rejection) m.getBody()).toList(), l -> !l.isEmpty()).get(0);
        assertThat(rejection.getReasonCode()).isEqualTo(ReasonCode.SCHEMA_INVALID);
    }

    private static Rejection rejectionFor(PartnerClient sender, OutboxMessage m) {
        InboxMessage msg = await().atMost(WAIT).until(() -> sender.inbox().values().stream()
                .filter(i -> i.getBody() instanceof Rejection r && m.getMessageId().equals(r.getRejectedMessageId())).toList(),
                l -> !l.isEmpty()).get(0);
        return (Rejection) msg.getBody();
    }

    private static InboxMessage deliveryOf(PartnerClient receiver, OutboxMessage m) {
        return await().atMost(WAIT).until(() -> receiver.inbox().values().stream()
                .filter(i -> m.getMessageId().equals(i.getCausationId())).toList(), l -> !l.isEmpty()).get(0);
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
