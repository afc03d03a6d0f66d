package nl.iwa.hub.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.iwa.hub.config.HubProperties.Topics;
import nl.iwa.hub.audit.AuditIndex;
import nl.iwa.hub.consent.Consent;
import nl.iwa.hub.consent.ConsentAuthority;
import nl.iwa.hub.consent.ConsentRegistry;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.common.CaseFacts;
import nl.iwa.hub.contract.common.LegalBasis;
import nl.iwa.hub.contract.common.LifeDomain;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.common.Urgency;
import nl.iwa.hub.contract.consent.ConsentRecord;
import nl.iwa.hub.contract.inbox.ConsentWithdrawnNotice;
import nl.iwa.hub.contract.inbox.HandoffDelivery;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.inbox.Rejection;
import nl.iwa.hub.contract.inbox.SignalDelivery;
import nl.iwa.hub.contract.outbox.ConsentAction;
import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.handoff.HandoffDesk;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.contract.outbox.Signal;
import nl.iwa.hub.identity.Pseudonymiser;
import nl.iwa.hub.minimise.MinimisedContent;
import nl.iwa.hub.minimise.Minimiser;
import nl.iwa.hub.observability.HubMetrics;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.partners.PartnerFunction;
import nl.iwa.hub.policy.DataCategory;
import nl.iwa.hub.policy.FieldCatalogue;
import nl.iwa.hub.policy.FlowPolicy;
import nl.iwa.hub.policy.MessageType;
import nl.iwa.hub.policy.PolicyBook;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.DecodeResult;
import nl.iwa.hub.transport.MessageIds;
import nl.iwa.hub.transport.Outbound;
import nl.iwa.hub.transport.RawOutboxRecord;
import nl.iwa.hub.transport.RegistryUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens to one outbox record: decode, validate, purpose separation, policy, consent,
 * minimisation, and the records that follow (delivery, rejection, dead letter, consent state, audit).
 * It writes nothing itself; the publish route writes the returned records in order, audit last, and seals
 * the audit records into the hash chain as it writes them.
 */
public final class OutboxRecordHandler {

    private static final Logger log = LoggerFactory.getLogger(OutboxRecordHandler.class);
    static final String HUB = "hub";

    private final Topics topics;
    private final AvroCodec codec;
    private final OutboxMessageValidator validator;
    private final PartnerDirectory partners;
    private final ConsentAuthority consentAuthority;
    private final PolicyBook policies;
    private final ConsentRegistry consents;
    private final Minimiser minimiser;
    private final Pseudonymiser pseudonymiser;
    private final HubMetrics metrics;
    private final HandoffDesk handoffs;
    private final AuditIndex auditIndex;
    private final Clock clock;

    public OutboxRecordHandler(Topics topics, AvroCodec codec, PartnerDirectory partners, PolicyBook policies,
                               ConsentRegistry consents, Pseudonymiser pseudonymiser,
                               HubMetrics metrics, HandoffDesk handoffs, AuditIndex auditIndex, Clock clock) {
        this.topics = topics;
        this.codec = codec;
        this.validator = new OutboxMessageValidator(partners);
        this.partners = partners;
        this.policies = policies;
        this.consentAuthority = new ConsentAuthority(policies);
        this.consents = consents;
        this.minimiser = new Minimiser();
        this.pseudonymiser = pseudonymiser;
        this.metrics = metrics;
        this.handoffs = handoffs;
        this.auditIndex = auditIndex;
        this.clock = clock;
    }

    public List<Outbound> handle(RawOutboxRecord raw) {
        metrics.received(raw.owner());
        DecodeResult decoded = codec.decodeOutbox(raw.topic(), raw.value());
        if (!decoded.isOk()) {
            return deadLetter(raw, null, new Violation(decoded.failureCode(), decoded.failure()), decoded.errorClass());
        }
        OutboxMessage message = decoded.message();
        try {
            return decide(raw, message);
        } catch (RegistryUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // A bug must not stop the hub or loop on one record: park the record with its coordinates.
            log.error("unexpected {} handling {}@{}/{}; record dead-lettered", e.getClass().getSimpleName(),
                    raw.topic(), raw.partition(), raw.offset());
            return deadLetter(raw, message, new Violation(ReasonCode.OTHER, "internal error while handling the record"),
                    e.getClass().getSimpleName());
        }
    }

    private List<Outbound> decide(RawOutboxRecord raw, OutboxMessage message) {
        Instant now = clock.instant();
        Optional<Violation> invalid = validator.validate(message, raw.owner(), now);
        if (invalid.isPresent()) {
            return deadLetter(raw, message, invalid.get(), "ValidationFailed");
        }
        return switch (MessageTypes.of(message)) {
            case SIGNAL, HANDOFF_REQUEST -> flow(raw, message, now);
            case CONSENT_CHANGE -> consentChange(raw, message, (ConsentChange) message.getBody(), now);
            case HANDOFF_UPDATE -> handoffUpdate(raw, message, (HandoffUpdate) message.getBody());
        };
    }

    private List<Outbound> flow(RawOutboxRecord raw, OutboxMessage m, Instant now) {
        Partner sender = partners.find(raw.owner()).orElseThrow();
        Partner receiver = partners.find(m.getReceiverPartnerId()).orElseThrow();
        MessageType type = MessageTypes.of(m);
        Subject subject = m.getBody() instanceof Signal s ? s.getSubject() : ((HandoffRequest) m.getBody()).getSubject();
        CaseFacts facts = m.getBody() instanceof Signal s ? s.getFacts() : ((HandoffRequest) m.getBody()).getFacts();
        String pseudonym = pseudonymiser.pseudonymOf(subject).orElseThrow();

        if (m.getBody() instanceof HandoffRequest h && handoffs.exists(h.getHandoffId())) {
            if (handoffs.alreadyApplied(h.getHandoffId(), m.getMessageId())) {
                log.info("skipped replay of {} (handoff {} already requested)", m.getMessageId(), h.getHandoffId());
                return List.of();
            }
            return deadLetter(raw, m, new Violation(ReasonCode.SCHEMA_INVALID, "handoffId is already in use"), "ValidationFailed");
        }
        if (sender.isConfidentialSource() && receiver.hasFunction(PartnerFunction.ENFORCEMENT)) {
            return refuse(raw, m, Decision.BLOCKED, pseudonym, new Violation(ReasonCode.PURPOSE_SEPARATION,
                    "data from a " + sender.kind() + " never reaches an enforcement unit"), null);
        }
        Optional<FlowPolicy> found = policies.find(sender, receiver, type, m.getPurpose());
        if (found.isEmpty()) {
            return refuse(raw, m, Decision.BLOCKED, pseudonym, new Violation(ReasonCode.NO_POLICY,
                    "no policy allows " + type + " from " + sender.kind() + " to " + receiver.kind()
                            + " for purpose " + m.getPurpose()), null);
        }
        FlowPolicy policy = found.get();
        MinimisedContent content = minimiser.minimise(subject, facts, policy.allowedFields());
        String consentReference = null;
        if (policy.legalBasis() == LegalBasis.CONSENT) {
            Set<DataCategory> needed = FieldCatalogue.categoriesOf(content.fieldsDelivered());
            Optional<Consent> consent = consents.findCovering(pseudonym, receiver, m.getPurpose(), needed, now);
            if (consent.isEmpty()) {
                return refuse(raw, m, Decision.BLOCKED, pseudonym, new Violation(ReasonCode.NO_CONSENT,
                        "no consent in force covers receiver " + receiver.id() + ", purpose " + m.getPurpose()
                                + " and data categories " + needed), policy);
            }
            consentReference = consent.get().consentId();
        }

        InboxMessage delivery = inbox(m, receiver.id(), policy, body(m, content));
        metrics.delivered(sender.id(), receiver.id());
        log.debug("delivered {} {} from {} to {} under {} ({} fields, {} removed)", type, m.getMessageId(), sender.id(),
                receiver.id(), policy.id(), content.fieldsDelivered().size(), content.fieldsRemoved().size());
        AuditRecord record = auditBase(raw, m, Decision.DELIVERED, null, pseudonym, policy)
                .setConsentReference(consentReference)
                .setFieldsDelivered(content.fieldsDelivered())
                .setFieldsRemoved(content.fieldsRemoved())
                .build();
        Outbound deliveryOut = Outbound.delivery(topics.inbox(receiver.id()), m.getCorrelationId(), delivery, m.getSentAt());
        List<Outbound> out = new ArrayList<>();
        if (m.getBody() instanceof HandoffRequest h) {
            handoffs.requested(m, h, policy, pseudonym, deliveryOut, out);
        } else {
            out.add(deliveryOut);
        }
        out.add(auditOut(record));
        return out;
    }

    private List<Outbound> handoffUpdate(RawOutboxRecord raw, OutboxMessage m, HandoffUpdate u) {
        if (handoffs.alreadyApplied(u.getHandoffId(), m.getMessageId())) {
            log.info("skipped replay of {} (already applied to handoff {})", m.getMessageId(), u.getHandoffId());
            return List.of();
        }
        HandoffDesk.Result result = handoffs.update(raw.owner(), m, u);
        if (!result.isAccepted()) {
            return refuse(raw, m, Decision.REJECTED, null, result.violation(), null);
        }
        HandoffRecord h = result.record();
        FlowPolicy policy = policies.all().stream().filter(p -> p.id().equals(h.getPolicyId())).findFirst().orElse(null);
        String counterpart = raw.owner().equals(h.getSenderPartnerId()) ? h.getReceiverPartnerId() : h.getSenderPartnerId();
        AuditRecord record = auditBase(raw, m, Decision.STATUS_CHANGED, null, h.getSubjectPseudonym(), policy)
                .setReceiverPartnerId(counterpart)
                .setCorrelationId(h.getCorrelationId())
                .setDetail("status " + h.getStatus())
                .build();
        List<Outbound> out = new ArrayList<>(result.outbound());
        out.add(auditOut(record));
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

    private List<Outbound> consentChange(RawOutboxRecord raw, OutboxMessage m, ConsentChange c, Instant now) {
        String pseudonym = pseudonymiser.pseudonymOf(c.getSubject()).orElseThrow();
        Optional<Consent> existing = consents.get(c.getConsentId());
        if (existing.isPresent() && !existing.get().subjectPseudonym().equals(pseudonym)) {
            return deadLetter(raw, m, new Violation(ReasonCode.SCHEMA_INVALID,
                    "consentId is already used for another resident"), "ValidationFailed");
        }
        Partner recorder = partners.find(raw.owner()).orElseThrow();
        Optional<String> refusal = c.getAction() == ConsentAction.GRANTED
                ? consentAuthority.refuseGrant(recorder, c.getPurposes(), c.getEvidenceReference())
                : consentAuthority.refuseWithdrawal(recorder, existing);
        if (refusal.isPresent()) {
            return refuse(raw, m, Decision.REJECTED, pseudonym, new Violation(ReasonCode.NOT_AUTHORISED, refusal.get()), null);
        }
        Consent consent;
        Decision decision;
        if (c.getAction() == ConsentAction.GRANTED) {
            Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
            c.getDataCategories().forEach(name -> categories.add(DataCategory.valueOf(name)));
            consent = new Consent(c.getConsentId(), raw.owner(), pseudonym, Set.copyOf(c.getPurposes()),
                    Set.copyOf(c.getRecipientPartnerIds()), Set.copyOf(c.getRecipientKinds()), Set.copyOf(categories),
                    c.getValidFrom(), c.getValidUntil(), null);
            decision = Decision.CONSENT_GRANTED;
        } else {
            consent = existing
                    .map(e -> new Consent(e.consentId(), e.recordedByPartnerId(), e.subjectPseudonym(), e.purposes(),
                            e.recipientPartnerIds(), e.recipientKinds(), e.dataCategories(), e.validFrom(), e.validUntil(), now))
                    .orElse(new Consent(c.getConsentId(), raw.owner(), pseudonym, Set.of(), Set.of(), Set.of(), Set.of(),
                            c.getValidFrom(), null, now));
            decision = Decision.CONSENT_WITHDRAWN;
        }
        consents.stage(consent);
        ConsentRecord state = ConsentRecord.newBuilder()
                .setConsentId(consent.consentId())
                .setRecordedByPartnerId(consent.recordedByPartnerId())
                .setSubjectPseudonym(pseudonym)
                .setPurposes(List.copyOf(consent.purposes()))
                .setRecipientPartnerIds(List.copyOf(consent.recipientPartnerIds()))
                .setRecipientKinds(List.copyOf(consent.recipientKinds()))
                .setDataCategories(consent.dataCategories().stream().map(Enum::name).sorted().toList())
                .setValidFrom(consent.validFrom())
                .setValidUntil(consent.validUntil())
                .setWithdrawnAt(consent.withdrawnAt())
                .setEvidenceReference(c.getEvidenceReference())
                .setSourceMessageId(m.getMessageId())
                .build();
        // who at the partner recorded it (a role or employee number, never a resident's data), for the audit
        AuditRecord record = auditBase(raw, m, decision, null, pseudonym, null)
                .setReceiverPartnerId(null)
                .setConsentReference(consent.consentId())
                .setDetail("recorded by " + c.getRecordedBy() + " at " + raw.owner())
                .build();
        List<Outbound> out = new ArrayList<>();
        out.add(Outbound.avro(Outbound.Kind.CONSENT_STATE, topics.consent(), consent.consentId(), state)
                .whenCommitted(() -> consents.put(consent)));
        if (decision == Decision.CONSENT_WITHDRAWN) {
            out.addAll(withdrawalNotices(consent, m));
        }
        out.add(auditOut(record));
        return out;
    }

    /** Every partner that received data under the consent hears of its withdrawal, found through the audit. */
    private List<Outbound> withdrawalNotices(Consent consent, OutboxMessage m) {
        Map<String, List<AuditIndex.Delivered>> byReceiver = new java.util.TreeMap<>();
        for (AuditIndex.Delivered d : auditIndex.deliveredUnder(consent.consentId())) {
            byReceiver.computeIfAbsent(d.receiverPartnerId(), k -> new ArrayList<>()).add(d);
        }
        List<Outbound> out = new ArrayList<>();
        byReceiver.forEach((receiver, deliveries) -> {
            ConsentWithdrawnNotice notice = ConsentWithdrawnNotice.newBuilder()
                    .setConsentId(consent.consentId())
                    .setWithdrawnAt(consent.withdrawnAt())
                    .setDeliveredMessageIds(deliveries.stream()
                            .map(d -> MessageIds.delivery(d.senderPartnerId(), d.messageId(), receiver)).toList())
                    .setCorrelationIds(deliveries.stream().map(AuditIndex.Delivered::correlationId).distinct().toList())
                    .build();
            InboxMessage inbox = InboxMessage.newBuilder()
                    .setMessageId(MessageIds.derive(m.getMessageId() + "/withdrawal/" + receiver))
                    .setCorrelationId(m.getCorrelationId())
                    .setCausationId(m.getMessageId())
                    .setOriginPartnerId(HUB)
                    .setReceiverPartnerId(receiver)
                    .setCreatedAt(clock.instant())
                    .setBody(notice)
                    .build();
            out.add(Outbound.avro(Outbound.Kind.CONSENT_NOTICE, topics.inbox(receiver), m.getCorrelationId(), inbox));
        });
        return out;
    }

    /** Blocked or rejected: tell the sender why and audit it; nothing reaches the receiver. */
    private List<Outbound> refuse(RawOutboxRecord raw, OutboxMessage m, Decision decision, String pseudonym,
                                  Violation violation, FlowPolicy policy) {
        metrics.blocked(raw.owner(), violation.code());
        log.info("{} {} from {}: {} ({})", decision, safeId(m.getMessageId()), raw.owner(), violation.code(), violation.reason());
        List<Outbound> out = new ArrayList<>();
        out.add(rejection(raw, m, violation));
        out.add(auditOut(auditBase(raw, m, decision, violation.code(), pseudonym, policy).build()));
        return out;
    }

    /**
     * The outcome of this record could not be written, though tried alone several times. It is parked by its
     * coordinates only (the bytes may be what fails; the original stays on the outbox topic for a replay), and
     * the sender hears that the hub could not process it.
     */
    public List<Outbound> unwritable(RawOutboxRecord raw, String errorClass) {
        return deadLetter(raw, null, new Violation(ReasonCode.OTHER, "the hub could not write the outcome of this record"),
                errorClass, false);
    }

    private List<Outbound> deadLetter(RawOutboxRecord raw, OutboxMessage m, Violation violation, String errorClass) {
        return deadLetter(raw, m, violation, errorClass, true);
    }

    /** Invalid or unreadable: rejection to the sender, the raw record to the DLQ, an audit entry. */
    private List<Outbound> deadLetter(RawOutboxRecord raw, OutboxMessage m, Violation violation, String errorClass,
                                      boolean keepBytes) {
        metrics.blocked(raw.owner(), violation.code());
        log.info("dead-lettered {}-{}@{} from {}: {} ({})", raw.topic(), raw.partition(), raw.offset(), raw.owner(),
                violation.code(), violation.reason());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("iwa.error.class", errorClass);
        headers.put("iwa.error.reason-code", violation.code().name());
        headers.put("iwa.error.reason", violation.reason());
        headers.put("iwa.source.topic", raw.topic());
        headers.put("iwa.source.partition", Integer.toString(raw.partition()));
        headers.put("iwa.source.offset", Long.toString(raw.offset()));
        // A record too large for the hub's own producer cannot be parked whole: keep the coordinates (the
        // original stays on the outbox topic) instead of retrying a write that can never succeed.
        byte[] parked = raw.value();
        if (parked != null && (!keepBytes || parked.length > AvroCodec.MAX_RECORD_BYTES)) {
            headers.put("iwa.error.original-size", Integer.toString(parked.length));
            parked = new byte[0];
        }
        List<Outbound> out = new ArrayList<>();
        out.add(Outbound.deadLetter(topics.deadLetter(), parked, headers));
        out.add(rejection(raw, m, violation));
        AuditRecord.Builder record = m == null
                ? unreadableAudit(raw, violation.code())
                : auditBase(raw, m, Decision.REJECTED, violation.code(), null, null);
        out.add(auditOut(record.build()));
        return out;
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
        String messageId = MessageIds.derive(raw.topic() + "/" + raw.partition() + "/" + raw.offset() + "/rejection");
        InboxMessage inbox = InboxMessage.newBuilder()
                .setMessageId(messageId)
                .setCorrelationId(correlation)
                .setCausationId(m == null ? null : safeId(m.getMessageId()))
                .setOriginPartnerId(HUB)
                .setReceiverPartnerId(raw.owner())
                .setCreatedAt(clock.instant())
                .setBody(body)
                .build();
        return Outbound.avro(Outbound.Kind.REJECTION, topics.inbox(raw.owner()), correlation, inbox);
    }

    /** An id from a message that failed validation may itself be the problem; only pass on well-formed ones. */
    private String safeId(String id) {
        return id != null && OutboxMessageValidator.isOpaqueId(id) ? id : null;
    }

    private InboxMessage inbox(OutboxMessage m, String receiver, FlowPolicy policy, Object body) {
        String messageId = MessageIds.delivery(m.getSenderPartnerId(), m.getMessageId(), receiver);
        return InboxMessage.newBuilder()
                .setMessageId(messageId)
                .setCorrelationId(m.getCorrelationId())
                .setCausationId(m.getMessageId())
                .setOriginPartnerId(m.getSenderPartnerId())
                .setReceiverPartnerId(receiver)
                .setCreatedAt(clock.instant())
                .setPurpose(m.getPurpose())
                .setLegalBasis(policy.legalBasis())
                .setPolicyId(policy.id())
                .setBody(body)
                .build();
    }

    private AuditRecord.Builder auditBase(RawOutboxRecord raw, OutboxMessage m, Decision decision, ReasonCode reason,
                                          String pseudonym, FlowPolicy policy) {
        return AuditRecord.newBuilder()
                .setAuditId(UUID.randomUUID().toString())
                .setRecordedAt(clock.instant())
                .setDecision(decision)
                .setReasonCode(reason)
                .setMessageId(safeId(m.getMessageId()))
                .setCorrelationId(safeId(m.getCorrelationId()))
                .setMessageType(MessageTypes.of(m).name())
                .setSenderPartnerId(raw.owner())
                .setReceiverPartnerId(partners.find(m.getReceiverPartnerId()).map(Partner::id).orElse(null))
                .setSubjectPseudonym(pseudonym)
                .setPurpose(OutboxMessageValidator.isCode(m.getPurpose()) ? m.getPurpose() : null)
                .setPolicyId(policy == null ? null : policy.id())
                .setLegalBasis(policy == null ? null : policy.legalBasis())
                .setSourceTopic(raw.topic())
                .setSourcePartition(raw.partition())
                .setSourceOffset(raw.offset())
                .setPreviousHash("")
                .setHash("");
    }

    private AuditRecord.Builder unreadableAudit(RawOutboxRecord raw, ReasonCode reason) {
        return AuditRecord.newBuilder()
                .setAuditId(UUID.randomUUID().toString())
                .setRecordedAt(clock.instant())
                .setDecision(Decision.DEAD_LETTERED)
                .setReasonCode(reason)
                .setMessageType("UNREADABLE")
                .setSenderPartnerId(raw.owner())
                .setSourceTopic(raw.topic())
                .setSourcePartition(raw.partition())
                .setSourceOffset(raw.offset())
                .setPreviousHash("")
                .setHash("");
    }

    /** Unsealed: the publish route links it into the hash chain right before writing it. */
    private Outbound auditOut(AuditRecord record) {
        return Outbound.avro(Outbound.Kind.AUDIT, topics.audit(), null, record);
    }
}
