package nl.iwa.hub.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.iwa.hub.config.HubProperties;
import nl.iwa.hub.consent.Consent;
import nl.iwa.hub.consent.ConsentRegistry;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.inbox.ConsentWithdrawnNotice;
import nl.iwa.hub.contract.inbox.Escalation;
import nl.iwa.hub.contract.inbox.EscalationLevel;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.inbox.Rejection;
import nl.iwa.hub.contract.inbox.StatusRelay;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.decision.Outcome;
import nl.iwa.hub.decision.PastDeliveries;
import nl.iwa.hub.decision.Violation;
import nl.iwa.hub.handoff.HandoffChange;
import nl.iwa.hub.handoff.HandoffDesk;
import nl.iwa.hub.handoff.HandoffEscalation;
import nl.iwa.hub.handoff.HandoffStore;
import nl.iwa.hub.handoff.WorkingDayCalendar;
import nl.iwa.hub.minimise.Minimiser;
import nl.iwa.hub.observability.HubMetrics;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.policy.FlowPolicy;
import nl.iwa.hub.policy.ReviewedConfigLoader;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.messages.OutboxMessages;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.transport.DeadLetterHeaders;
import nl.iwa.hub.transport.MessageIds;
import nl.iwa.hub.transport.Outbound;
import nl.iwa.hub.transport.Outbound.Kind;
import nl.iwa.hub.transport.RawOutboxRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each kind of decision and the records it becomes, in the order they are written; no broker, no registry. */
class OutcomeWriterTest {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final ReviewedConfigLoader.Loaded CONFIG = nl.iwa.hub.testing.DemoConfiguration.LOADED;
    static final nl.iwa.hub.topics.Topics TOPICS = nl.iwa.hub.topics.Topics.withPrefix("iwa");

    static final String SOCIAL_TEAM = "socialteam-heerlen";
    static final String UWV = "uwv-zuid-limburg";
    static final RawOutboxRecord RAW = new RawOutboxRecord("iwa.socialteam-heerlen.outbox", 2, 41, new byte[] {1, 2, 3}, SOCIAL_TEAM);

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ConsentRegistry consents;
    HandoffStore handoffs;
    OutcomeWriter writer;

    @BeforeEach
    void writer() {
        consents = new ConsentRegistry();
        handoffs = new HandoffStore();
        writer = new OutcomeWriter(TOPICS, CONFIG.partners(), consents, handoffs, new HubMetrics(meters), clock);
    }

    static OutboxMessage message(Object body) {
        return OutboxMessages.envelope(SOCIAL_TEAM, UWV, "WORK_REINTEGRATION", body).setOccurredAt(NOW).setSentAt(NOW).build();
    }

    static Partner partner(String id) {
        return CONFIG.partners().find(id).orElseThrow();
    }

    static FlowPolicy workReintegration() {
        return CONFIG.policies().byId("socialteam-uwv-work-reintegration").orElseThrow();
    }

    static AuditRecord audit(List<Outbound> out) {
        Outbound last = out.get(out.size() - 1);
        assertThat(last.kind()).isEqualTo(Kind.AUDIT);
        assertThat(last.topic()).isEqualTo(TOPICS.audit());
        return (AuditRecord) last.value();
    }

    HandoffRecord requested(OutboxMessage m) {
        HandoffDesk desk = new HandoffDesk(handoffs, CONFIG.partners(), CONFIG.policies(), new WorkingDayCalendar(), clock);
        return desk.requested(m, (HandoffRequest) m.getBody(), workReintegration(), "pseudonym-1");
    }

    @Test
    void aHandoffDeliveryIsFollowedByItsRelayToTheSenderAndItsStateThenTheAudit() {
        HandoffRequest request = Bodies.workReintegration(SyntheticResidents.next());
        OutboxMessage m = message(request);
        HandoffRecord handoff = requested(m);
        var content = new Minimiser().minimise(request.getSubject(), request.getFacts(), workReintegration().allowedFields());

        List<Outbound> out = writer.write(new Outcome.Delivered(m, partner(SOCIAL_TEAM), partner(UWV), workReintegration(),
                "pseudonym-1", content, "consent-1", handoff, List.of()), RAW);

        assertThat(out).extracting(Outbound::kind).containsExactly(Kind.DELIVERY, Kind.STATUS_RELAY, Kind.HANDOFF_STATE, Kind.AUDIT);
        InboxMessage delivery = (InboxMessage) out.get(0).value();
        assertThat(delivery.getMessageId()).isEqualTo(MessageIds.delivery(SOCIAL_TEAM, m.getMessageId(), UWV));
        assertThat(delivery.getPolicyId()).isEqualTo(workReintegration().id());
        assertThat(out.get(0).topic()).isEqualTo(TOPICS.inbox(UWV));
        assertThat(out.get(0).needsMetadata()).as("the state learns where the delivery was written").isTrue();
        InboxMessage relay = (InboxMessage) out.get(1).value();
        assertThat(relay.getReceiverPartnerId()).isEqualTo(SOCIAL_TEAM);
        assertThat(relay.getOriginPartnerId()).isEqualTo(Partner.HUB);
        assertThat(((StatusRelay) relay.getBody()).getStatus()).isEqualTo(HandoffStatus.REQUESTED);
        assertThat(handoffs.get(request.getHandoffId())).as("staged for the next decision of the transaction").isPresent();
        AuditRecord audit = audit(out);
        assertThat(audit.getDecision()).isEqualTo(Decision.DELIVERED);
        assertThat(audit.getConsentReference()).isEqualTo("consent-1");
        assertThat(audit.getFieldsDelivered()).isEqualTo(content.fieldsDelivered());
        assertThat(audit.getSourceOffset()).isEqualTo(41);
        assertThat(meters.get("iwa.messages.delivered").tag("sender", SOCIAL_TEAM).counter().count()).isEqualTo(1);
    }

    @Test
    void aBlockedFlowTellsOnlyTheSenderAndIsAudited() {
        OutboxMessage m = message(Bodies.workReintegration(SyntheticResidents.next()));

        List<Outbound> out = writer.write(new Outcome.Blocked(m, new Violation(ReasonCode.NO_CONSENT, "no consent"), "p",
                workReintegration()), RAW);

        assertThat(out).extracting(Outbound::kind).containsExactly(Kind.REJECTION, Kind.AUDIT);
        InboxMessage rejection = (InboxMessage) out.get(0).value();
        assertThat(out.get(0).topic()).isEqualTo(TOPICS.inbox(SOCIAL_TEAM));
        assertThat(rejection.getOriginPartnerId()).isEqualTo(Partner.HUB);
        assertThat(rejection.getCausationId()).isEqualTo(m.getMessageId());
        assertThat(((Rejection) rejection.getBody()).getReasonCode()).isEqualTo(ReasonCode.NO_CONSENT);
        assertThat(audit(out).getDecision()).isEqualTo(Decision.BLOCKED);
        assertThat(audit(out).getReasonCode()).isEqualTo(ReasonCode.NO_CONSENT);
        assertThat(audit(out).getPolicyId()).isEqualTo(workReintegration().id());
        assertThat(meters.get("iwa.messages.blocked").tag("reason", "NO_CONSENT").counter().count()).isEqualTo(1);
    }

    @Test
    void aRejectedRequestIsAuditedAsRejected() {
        OutboxMessage m = message(Bodies.update(UUID.randomUUID().toString(), HandoffStatus.ACCEPTED));

        List<Outbound> out = writer.write(new Outcome.Rejected(m, new Violation(ReasonCode.UNKNOWN_HANDOFF, "unknown"), null), RAW);

        assertThat(out).extracting(Outbound::kind).containsExactly(Kind.REJECTION, Kind.AUDIT);
        assertThat(audit(out).getDecision()).isEqualTo(Decision.REJECTED);
        assertThat(audit(out).getMessageType()).isEqualTo("HANDOFF_UPDATE");
    }

    @Test
    void unreadableBytesAreParkedWithTheDeadLetterHeaders() {
        List<Outbound> out = writer.write(new Outcome.DeadLettered(null, new Violation(ReasonCode.UNDECODABLE, "not Avro"),
                "WrongMagicByte", true), RAW);

        assertThat(out).extracting(Outbound::kind).containsExactly(Kind.DEAD_LETTER, Kind.REJECTION, Kind.AUDIT);
        assertThat(out.get(0).rawValue()).isEqualTo(RAW.value());
        assertThat(out.get(0).headers()).containsOnly(
                Map.entry(DeadLetterHeaders.ERROR_CLASS, "WrongMagicByte"),
                Map.entry(DeadLetterHeaders.REASON_CODE, "UNDECODABLE"),
                Map.entry(DeadLetterHeaders.REASON, "not Avro"),
                Map.entry(DeadLetterHeaders.SOURCE_TOPIC, RAW.topic()),
                Map.entry(DeadLetterHeaders.SOURCE_PARTITION, "2"),
                Map.entry(DeadLetterHeaders.SOURCE_OFFSET, "41"));
        InboxMessage rejection = (InboxMessage) out.get(1).value();
        assertThat(rejection.getCorrelationId()).isEqualTo(RAW.topic() + "-2-41");
        assertThat(rejection.getMessageId()).isEqualTo(MessageIds.derive(RAW.topic() + "/2/41/rejection"));
        assertThat(audit(out).getDecision()).isEqualTo(Decision.DEAD_LETTERED);
        assertThat(audit(out).getMessageType()).isEqualTo("UNREADABLE");
    }

    @Test
    void anUnwritableRecordIsParkedByItsCoordinatesOnly() {
        List<Outbound> out = writer.unwritable(RAW, "RecordTooLargeException");

        assertThat(out.get(0).rawValue()).isEmpty();
        assertThat(out.get(0).headers()).containsEntry(DeadLetterHeaders.ORIGINAL_SIZE, "3")
                .containsEntry(DeadLetterHeaders.REASON_CODE, "OTHER")
                .containsEntry(DeadLetterHeaders.ERROR_CLASS, "RecordTooLargeException");
    }

    @Test
    void aStatusChangeIsRelayedStatedAndAudited() {
        OutboxMessage request = message(Bodies.workReintegration(SyntheticResidents.next()));
        HandoffRecord record = requested(request);
        record.setStatus(HandoffStatus.RECEIVED);
        OutboxMessage m = message(Bodies.update(record.getHandoffId(), HandoffStatus.RECEIVED));

        List<Outbound> out = writer.write(new Outcome.StatusChanged(m,
                new HandoffChange(record, HandoffStatus.REQUESTED, SOCIAL_TEAM, m.getMessageId(), UWV), workReintegration()), RAW);

        assertThat(out).extracting(Outbound::kind).containsExactly(Kind.STATUS_RELAY, Kind.HANDOFF_STATE, Kind.AUDIT);
        assertThat(((InboxMessage) out.get(0).value()).getOriginPartnerId()).isEqualTo(UWV);
        assertThat(audit(out).getDecision()).isEqualTo(Decision.STATUS_CHANGED);
        assertThat(audit(out).getReceiverPartnerId()).isEqualTo(SOCIAL_TEAM);
        assertThat(audit(out).getDetail()).isEqualTo("status RECEIVED");
    }

    @Test
    void aWithdrawalWritesTheStateThenOneNoticePerPastReceiverThenTheAudit() {
        OutboxMessage m = message(Bodies.grant(UUID.randomUUID().toString(), SyntheticResidents.next(), "WORK_REINTEGRATION", UWV, "IDENTITY"));
        Consent consent = new Consent("consent-1", SOCIAL_TEAM, "p", Set.of("WORK_REINTEGRATION"), Set.of(UWV), Set.of(),
                Set.of(), NOW.minusSeconds(60), null, NOW);
        PastDeliveries.Delivery d1 = new PastDeliveries.Delivery(SOCIAL_TEAM, "m-1", UWV, "case-1");
        PastDeliveries.Delivery d2 = new PastDeliveries.Delivery(SOCIAL_TEAM, "m-2", UWV, "case-1");

        List<Outbound> out = writer.write(new Outcome.ConsentRecorded(m, (nl.iwa.hub.contract.outbox.ConsentChange) m.getBody(),
                consent, "p", true, Map.of(UWV, List.of(d1, d2)), List.of()), RAW);

        assertThat(out).extracting(Outbound::kind).containsExactly(Kind.CONSENT_STATE, Kind.CONSENT_NOTICE, Kind.AUDIT);
        assertThat(consents.get("consent-1")).as("staged for the next decision of the transaction").isPresent();
        ConsentWithdrawnNotice notice = (ConsentWithdrawnNotice) ((InboxMessage) out.get(1).value()).getBody();
        assertThat(notice.getDeliveredMessageIds()).containsExactly(
                MessageIds.delivery(SOCIAL_TEAM, "m-1", UWV), MessageIds.delivery(SOCIAL_TEAM, "m-2", UWV));
        assertThat(notice.getCorrelationIds()).containsExactly("case-1");
        assertThat(audit(out).getDecision()).isEqualTo(Decision.CONSENT_WITHDRAWN);
        assertThat(audit(out).getReceiverPartnerId()).isNull();
        assertThat(audit(out).getDetail()).isEqualTo("recorded by consulent-0042 at " + SOCIAL_TEAM);
    }

    @Test
    void aSkippedReplayWritesNothing() {
        OutboxMessage m = message(Bodies.update("h-1", HandoffStatus.RECEIVED));

        assertThat(writer.write(new Outcome.SkippedReplay(m, "h-1"), RAW)).isEmpty();
    }

    @Test
    void theHubsOwnObservationsAreAuditedAgainstTheHandoffTopic() {
        HandoffRecord record = requested(message(Bodies.workReintegration(SyntheticResidents.next())));
        record.setStatus(HandoffStatus.DELIVERED);

        List<Outbound> out = writer.observed(List.of(new HandoffChange(record, HandoffStatus.REQUESTED, SOCIAL_TEAM, null, Partner.HUB)));

        assertThat(out).extracting(Outbound::kind).containsExactly(Kind.STATUS_RELAY, Kind.HANDOFF_STATE, Kind.AUDIT);
        assertThat(audit(out).getMessageType()).isEqualTo("HANDOFF_STATUS");
        assertThat(audit(out).getSourceTopic()).isEqualTo(TOPICS.handoffs());
        assertThat(audit(out).getSourceOffset()).isEqualTo(-1);
    }

    @Test
    void escalationNoticesComeBeforeTheStateThatRecordsThem() {
        HandoffRecord record = requested(message(Bodies.workReintegration(SyntheticResidents.next())));
        List<EscalationLevel> levels = List.of(EscalationLevel.REMINDER_TO_RECEIVER, EscalationLevel.NOTICE_TO_SENDER_AND_ESCALATION_CONTACT);

        List<Outbound> out = writer.escalated(List.of(new HandoffEscalation(record, levels, List.of(
                new HandoffEscalation.Notice(levels.get(0), UWV), new HandoffEscalation.Notice(levels.get(1), SOCIAL_TEAM)), UWV)));

        assertThat(out).extracting(Outbound::kind).containsExactly(Kind.ESCALATION, Kind.ESCALATION, Kind.HANDOFF_STATE, Kind.AUDIT);
        assertThat(out.get(1).topic()).isEqualTo(TOPICS.inbox(SOCIAL_TEAM));
        assertThat(((Escalation) ((InboxMessage) out.get(0).value()).getBody()).getResponsiblePartnerId()).isEqualTo(UWV);
        assertThat(audit(out).getDecision()).isEqualTo(Decision.ESCALATED);
        assertThat(audit(out).getDetail()).isEqualTo("levels " + levels);
    }
}
