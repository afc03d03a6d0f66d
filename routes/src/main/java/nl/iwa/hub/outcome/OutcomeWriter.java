package nl.iwa.hub.outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.consent.Consent;
import nl.iwa.hub.consent.ConsentState;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.inbox.HandoffDelivery;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.inbox.Rejection;
import nl.iwa.hub.contract.inbox.SignalDelivery;
import nl.iwa.hub.contract.outbox.CoordinationChange;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.contract.outbox.Signal;
import nl.iwa.hub.decision.MessageTypes;
import nl.iwa.hub.decision.Outcome;
import nl.iwa.hub.decision.OutboxMessageValidator;
import nl.iwa.hub.decision.Violation;
import nl.iwa.hub.handoff.HandoffChange;
import nl.iwa.hub.handoff.HandoffEscalation;
import nl.iwa.hub.handoff.HandoffState;
import nl.iwa.hub.minimise.MinimisedContent;
import nl.iwa.hub.observability.HubMetrics;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.policy.FlowPolicy;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.DeadLetterHeaders;
import nl.iwa.hub.transport.MessageIds;
import nl.iwa.hub.transport.Outbound;
import nl.iwa.hub.transport.RawOutboxRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the hub's decisions into the records to write, in the order they must be written: messages to partners
 * first, then state, the audit record last. With its parts in this package ({@link InboxMessages},
 * {@link AuditRecords}, {@link HandoffRecords}, {@link ConsentRecords}) the one place that builds inbox messages,
 * rejections, dead letters, state and audit records, and that counts and logs decisions. State written here is
 * staged at once, so the next decision of the same transaction builds on it, and taken into memory once the
 * transaction commits. Involvement notices ({@link InvolvementRecords}) follow the decision that led to them.
 */
public final class OutcomeWriter {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);

    private final Topics topics;
    private final PartnerDirectory partners;
    private final HubMetrics metrics;
    private final InboxMessages inbox;
    private final AuditRecords audit;
    private final HandoffRecords handoffRecords;
    private final ConsentRecords consentRecords;
    private final InvolvementRecords involvementRecords;

    public OutcomeWriter(Topics topics, PartnerDirectory partners, ConsentState consents, HandoffState handoffs,
                         HubMetrics metrics, java.time.Clock clock) {
        this.topics = topics;
        this.partners = partners;
        this.metrics = metrics;
        this.inbox = new InboxMessages(clock);
        this.audit = new AuditRecords(clock);
        this.handoffRecords = new HandoffRecords(topics, handoffs, inbox, audit);
        this.consentRecords = new ConsentRecords(topics, consents, inbox);
        this.involvementRecords = new InvolvementRecords(topics, inbox, audit);
    }

    /** The records that follow from the decision on outbox record {@code raw}. */
    public List<Outbound> write(Outcome outcome, RawOutboxRecord raw) {
        // Java 17: no pattern switch yet; every Outcome is listed here, and the unit tests write each one
        if (outcome instanceof Outcome.Delivered d) {
            return delivered(d, raw);
        }
        if (outcome instanceof Outcome.Blocked b) {
            return refused(raw, b.message(), Decision.BLOCKED, b.violation(), b.pseudonym(), b.policy());
        }
        if (outcome instanceof Outcome.Rejected r) {
            return refused(raw, r.message(), Decision.REJECTED, r.violation(), r.pseudonym(), null);
        }
        if (outcome instanceof Outcome.DeadLettered d) {
            return deadLettered(d, raw);
        }
        if (outcome instanceof Outcome.StatusChanged s) {
            return statusChanged(s, raw);
        }
        if (outcome instanceof Outcome.ConsentRecorded c) {
            return consentRecorded(c, raw);
        }
        if (outcome instanceof Outcome.CoordinatorChanged c) {
            return coordinatorChanged(c, raw);
        }
        Outcome.SkippedReplay s = (Outcome.SkippedReplay) outcome;
        log.info("skipped replay of {} (already applied to handoff {})", s.message().getMessageId(), s.handoffId());
        return List.of();
    }

    /**
     * The outcome of this record could not be written, though tried alone several times. It is parked by its
     * coordinates only (the bytes may be what fails; the original stays on the outbox topic for a replay), and
     * the sender hears that the hub could not process it.
     */
    public List<Outbound> unwritable(RawOutboxRecord raw, String errorClass) {
        return deadLettered(new Outcome.DeadLettered(null,
                new Violation(ReasonCode.OTHER, "the hub could not write the outcome of this record"), errorClass, false), raw);
    }

    /** Handoffs the hub saw delivered: the sender hears so, the state follows, each audited. */
    public List<Outbound> observed(List<HandoffChange> delivered) {
        List<Outbound> out = new ArrayList<>();
        delivered.forEach(change -> out.addAll(handoffRecords.observed(change)));
        return out;
    }

    /** Escalations of missed deadlines, each with its notices, the state that records them and its audit. */
    public List<Outbound> escalated(List<HandoffEscalation> escalations) {
        List<Outbound> out = new ArrayList<>();
        escalations.forEach(e -> out.addAll(handoffRecords.escalated(e)));
        return out;
    }

    /**
     * Settled handoffs and ended consents past their retention leave the compacted state topics (tombstones) and,
     * once that committed, the hub's memory. Not audited: no decision about a message; the trail keeps their history.
     */
    public List<Outbound> retired(List<HandoffRecord> handoffs, List<Consent> consents) {
        List<Outbound> out = new ArrayList<>();
        handoffs.forEach(h -> out.add(handoffRecords.retired(h)));
        consents.forEach(c -> out.add(consentRecords.retired(c)));
        return out;
    }

    private List<Outbound> delivered(Outcome.Delivered d, RawOutboxRecord raw) {
        OutboxMessage m = d.message();
        MinimisedContent content = d.content();
        String receiver = d.receiver().id();
        metrics.delivered(d.sender().id(), receiver);
        log.debug("delivered {} {} from {} to {} under {} ({} fields, {} removed)", MessageTypes.of(m), m.getMessageId(),
                d.sender().id(), receiver, d.policy().id(), content.fieldsDelivered().size(), content.fieldsRemoved().size());
        Outbound delivery = Outbound.delivery(topics.inbox(receiver), m.getCorrelationId(),
                inbox.delivery(m, receiver, d.policy(), body(m, content)), m.getSentAt());
        AuditRecord record = messageAudit(raw, m, Decision.DELIVERED, null, d.pseudonym(), d.policy())
                .setConsentReference(d.consentReference())
                .setFieldsDelivered(content.fieldsDelivered())
                .setFieldsRemoved(content.fieldsRemoved())
                .build();
        List<Outbound> out = new ArrayList<>();
        HandoffRecord handoff = d.handoff();
        if (handoff == null) {
            out.add(delivery);
        } else {
            // the handoff's state learns where its delivery was written, so the delivery watch can observe it
            out.add(delivery.whenSent(meta -> {
                handoff.setDeliveredPartition(meta.partition());
                handoff.setDeliveredOffset(meta.offset());
            }));
            out.addAll(handoffRecords.changed(new HandoffChange(handoff, null, handoff.getSenderPartnerId(), m.getMessageId(), Partner.HUB)));
        }
        out.add(auditOut(record));
        out.addAll(involvementRecords.notices(d.involvement(), m.getMessageId(), d.pseudonym(), raw.topic(), raw.partition(),
                raw.offset()));
        return out;
    }

    private static Object body(OutboxMessage m, MinimisedContent c) {
        if (m.getBody() instanceof Signal s) {
            return SignalDelivery.newBuilder().setSignalType(s.getSignalType()).setDomain(s.getDomain())
                    .setUrgency(s.getUrgency()).setSubject(c.subject()).setFacts(c.facts()).build();
        }
        HandoffRequest h = (HandoffRequest) m.getBody();
        return HandoffDelivery.newBuilder().setHandoffId(h.getHandoffId()).setReasonCode(h.getReasonCode())
                .setRequestedAction(h.getRequestedAction()).setDomain(h.getDomain()).setUrgency(h.getUrgency())
                .setSubject(c.subject()).setFacts(c.facts()).build();
    }

    private List<Outbound> statusChanged(Outcome.StatusChanged s, RawOutboxRecord raw) {
        HandoffRecord h = s.change().record();
        AuditRecord record = messageAudit(raw, s.message(), Decision.STATUS_CHANGED, null, h.getSubjectPseudonym(), s.policy())
                .setReceiverPartnerId(s.change().relayTo())
                .setCorrelationId(h.getCorrelationId())
                .setDetail("status " + h.getStatus())
                .build();
        List<Outbound> out = new ArrayList<>(handoffRecords.changed(s.change()));
        out.add(auditOut(record));
        return out;
    }

    private List<Outbound> consentRecorded(Outcome.ConsentRecorded c, RawOutboxRecord raw) {
        OutboxMessage m = c.message();
        Consent consent = c.consent();
        // who at the partner recorded it (a role or employee number, never a resident's data), for the audit
        AuditRecord record = messageAudit(raw, m, c.withdrawn() ? Decision.CONSENT_WITHDRAWN : Decision.CONSENT_GRANTED,
                null, c.pseudonym(), null)
                .setReceiverPartnerId(null)
                .setConsentReference(consent.consentId())
                .setDetail("recorded by " + c.change().getRecordedBy() + " at " + raw.owner())
                .build();
        List<Outbound> out = new ArrayList<>();
        out.add(consentRecords.state(consent, c.change(), c.pseudonym(), m.getMessageId()));
        c.pastDeliveries().forEach((receiver, deliveries) -> out.add(consentRecords.withdrawalNotice(m, consent, receiver, deliveries)));
        out.add(auditOut(record));
        out.addAll(involvementRecords.notices(c.involvement(), m.getMessageId(), c.pseudonym(), raw.topic(), raw.partition(),
                raw.offset()));
        return out;
    }

    /** The new coordinator is recorded in the audit (the hub's record of who coordinates), then the notices. */
    private List<Outbound> coordinatorChanged(Outcome.CoordinatorChanged c, RawOutboxRecord raw) {
        OutboxMessage m = c.message();
        CoordinationChange change = (CoordinationChange) m.getBody();
        AuditRecord record = messageAudit(raw, m, Decision.COORDINATOR_CHANGED, null, c.pseudonym(), null)
                .setReceiverPartnerId(c.next())
                .setDetail(change.getAction() + " by " + change.getRecordedBy() + " at " + raw.owner()
                        + (c.previous() == null ? "" : "; was " + c.previous()))
                .build();
        List<Outbound> out = new ArrayList<>();
        out.add(auditOut(record));
        out.addAll(involvementRecords.notices(c.involvement(), m.getMessageId(), c.pseudonym(), raw.topic(), raw.partition(),
                raw.offset()));
        return out;
    }

    /** Blocked or rejected: tell the sender why and audit it; nothing reaches the receiver. */
    private List<Outbound> refused(RawOutboxRecord raw, OutboxMessage m, Decision decision, Violation violation,
                                   String pseudonym, FlowPolicy policy) {
        metrics.blocked(raw.owner(), violation.code());
        log.info("{} {} from {}: {} ({})", decision, safeId(m.getMessageId()), raw.owner(), violation.code(), violation.reason());
        return List.of(rejection(raw, m, violation),
                auditOut(messageAudit(raw, m, decision, violation.code(), pseudonym, policy).build()));
    }

    /** Invalid or unreadable: the raw record to the DLQ, a rejection to the sender, an audit entry. */
    private List<Outbound> deadLettered(Outcome.DeadLettered d, RawOutboxRecord raw) {
        Violation violation = d.violation();
        OutboxMessage m = d.message();
        metrics.blocked(raw.owner(), violation.code());
        metrics.deadLettered(raw.owner(), violation.code());
        log.info("dead-lettered {}-{}@{} from {}: {} ({})", raw.topic(), raw.partition(), raw.offset(), raw.owner(),
                violation.code(), violation.reason());
        Map<String, String> headers = DeadLetterHeaders.parked(d.errorClass(), violation.code(), violation.reason(),
                raw.topic(), raw.partition(), raw.offset());
        // A record too large for the hub's own producer cannot be parked whole: keep the coordinates (the
        // original stays on the outbox topic) instead of retrying a write that can never succeed.
        byte[] parked = raw.value();
        if (raw.tooLarge() || parked != null && !d.keepBytes()) {
            headers.put(DeadLetterHeaders.ORIGINAL_SIZE, Integer.toString(raw.size()));
            parked = new byte[0];
        }
        AuditRecord.Builder record = m == null
                ? audit.decision(Decision.DEAD_LETTERED, "UNREADABLE", raw.owner(), raw.topic(), raw.partition(), raw.offset())
                        .setReasonCode(violation.code())
                : messageAudit(raw, m, Decision.REJECTED, violation.code(), null, null);
        return List.of(Outbound.deadLetter(topics.deadLetter(), parked, headers), rejection(raw, m, violation),
                auditOut(record.build()));
    }

    private Outbound rejection(RawOutboxRecord raw, OutboxMessage m, Violation violation) {
        Rejection body = Rejection.newBuilder()
                .setRejectedMessageId(m == null ? null : safeId(m.getMessageId()))
                .setReasonCode(violation.code())
                .setReason(violation.reason())
                .setSourceTopic(raw.topic())
                .setSourcePartition(raw.partition())
                .setSourceOffset(raw.offset())
                .build();
        String correlation = m == null || safeId(m.getCorrelationId()) == null
                ? raw.topic() + "-" + raw.partition() + "-" + raw.offset() : m.getCorrelationId();
        InboxMessage message = inbox.fromHub(
                MessageIds.derive(raw.topic() + "/" + raw.partition() + "/" + raw.offset() + "/rejection"),
                correlation, m == null ? null : safeId(m.getMessageId()), raw.owner(), body);
        return Outbound.avro(Outbound.Kind.REJECTION, topics.inbox(raw.owner()), correlation, message);
    }

    /** An id from a message that failed validation may itself be the problem; only pass on well-formed ones. */
    private static String safeId(String id) {
        return id != null && OutboxMessageValidator.isOpaqueId(id) ? id : null;
    }

    /** The audit record of a decision on a decoded outbox message. */
    private AuditRecord.Builder messageAudit(RawOutboxRecord raw, OutboxMessage m, Decision decision, ReasonCode reason,
                                             String pseudonym, FlowPolicy policy) {
        return audit.decision(decision, MessageTypes.of(m).name(), raw.owner(), raw.topic(), raw.partition(), raw.offset())
                .setReasonCode(reason)
                .setMessageId(safeId(m.getMessageId()))
                .setCorrelationId(safeId(m.getCorrelationId()))
                .setReceiverPartnerId(partners.find(m.getReceiverPartnerId()).map(Partner::id).orElse(null))
                .setSubjectPseudonym(pseudonym)
                .setPurpose(OutboxMessageValidator.isCode(m.getPurpose()) ? m.getPurpose() : null)
                .setPolicyId(policy == null ? null : policy.id())
                .setLegalBasis(policy == null ? null : policy.legalBasis());
    }

    private Outbound auditOut(AuditRecord record) {
        return audit.out(topics, record);
    }
}
