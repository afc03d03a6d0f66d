package nl.iwa.hub.decision;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import nl.iwa.hub.contract.common.CaseFacts;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.contract.outbox.CoordinationAction;
import nl.iwa.hub.contract.outbox.CoordinationChange;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.contract.outbox.Signal;
import nl.iwa.hub.identity.Bsn;
import nl.iwa.hub.identity.NameNormaliser;
import nl.iwa.hub.identity.Postcode;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.policy.DataCategory;

/**
 * Checks a decoded outbox message before any policy decision: required fields, opaque ids, sender = outbox
 * owner, known receiver, sane timestamps and valid identity data. The first violation found is returned.
 */
public final class OutboxMessageValidator {

    /** Ids travel in Kafka keys and the audit trail: they must be opaque, never a BSN or a name. */
    private static final Pattern OPAQUE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    private static final Pattern UUID_FORM = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern NINE_DIGITS = Pattern.compile("(?<!\\d)\\d{9}(?!\\d)");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final int MAX_TEXT = 2000;
    static final int MAX_FIELD = 200;

    private final PartnerDirectory partners;

    public OutboxMessageValidator(PartnerDirectory partners) {
        this.partners = partners;
    }

    public Optional<Violation> validate(OutboxMessage m, String outboxOwner, Instant now) {
        return first(
                id("messageId", m.getMessageId()),
                id("correlationId", m.getCorrelationId()),
                m.getCausationId() == null ? Optional.empty() : id("causationId", m.getCausationId()),
                senderIsOwner(m, outboxOwner),
                code("purpose", m.getPurpose()),
                timestamp("occurredAt", m.getOccurredAt(), now),
                timestamp("sentAt", m.getSentAt(), now),
                receiver(m),
                body(m, now),
                noIdHoldsTheSubjectsBsn(m));
    }

    /**
     * No id may carry the resident's own BSN, in any form: also not inside a UUID-form id, or spread over its
     * groups ("12345678-2..."). Only this resident's BSN is looked for, among the id's digits: any nine-digit run
     * passing the 11-test would refuse about one random UUID in 700 (measured), while a random UUID holds one
     * particular BSN about once in 10^8 ids.
     */
    static Optional<Violation> noIdHoldsTheSubjectsBsn(OutboxMessage m) {
        String bsn = subjectBsn(m.getBody());
        if (bsn == null) {
            return Optional.empty();
        }
        Map<String, String> ids = new java.util.LinkedHashMap<>();
        ids.put("messageId", m.getMessageId());
        ids.put("correlationId", m.getCorrelationId());
        ids.put("causationId", m.getCausationId());
        if (m.getBody() instanceof HandoffRequest h) {
            ids.put("handoffId", h.getHandoffId());
        } else if (m.getBody() instanceof ConsentChange c) {
            ids.put("consentId", c.getConsentId());
        }
        for (Map.Entry<String, String> id : ids.entrySet()) {
            if (id.getValue() != null && id.getValue().replaceAll("\\D", "").contains(bsn)) {
                return schema(id.getKey() + " holds the subject's BSN: ids travel in keys and the audit trail and must be opaque");
            }
        }
        return Optional.empty();
    }

    private static String subjectBsn(Object body) {
        Subject s = body instanceof Signal sig ? sig.getSubject()
                : body instanceof HandoffRequest h ? h.getSubject()
                : body instanceof ConsentChange c ? c.getSubject() : null;
        return s == null || s.getBsn() == null || !Bsn.isValid(s.getBsn()) ? null : s.getBsn();
    }

    @SafeVarargs
    private static Optional<Violation> first(Optional<Violation>... checks) {
        for (Optional<Violation> c : checks) {
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    /** A UUID, or a partner's own id that does not embed a number that would pass as a BSN. */
    public static boolean isOpaqueId(String value) {
        if (value == null || !OPAQUE_ID.matcher(value).matches()) {
            return false;
        }
        if (UUID_FORM.matcher(value).matches()) {
            return true;
        }
        var digits = NINE_DIGITS.matcher(value);
        while (digits.find()) {
            if (Bsn.isValid(digits.group())) {
                return false;
            }
        }
        return true;
    }

    public static boolean isCode(String value) {
        return value != null && CODE.matcher(value).matches();
    }

    private static Optional<Violation> id(String field, String value) {
        if (value == null || value.isBlank()) {
            return schema(field + " is empty");
        }
        if (!isOpaqueId(value)) {
            return schema(field + " must be an opaque id such as a UUID (letters, digits, . _ : -; at most 100; never containing a BSN)");
        }
        return Optional.empty();
    }

    private static Optional<Violation> code(String field, String value) {
        if (!isCode(value)) {
            return schema(field + " must be an upper-case code such as EARLY_DEBT_SIGNALLING");
        }
        return Optional.empty();
    }

    private static Optional<Violation> senderIsOwner(OutboxMessage m, String owner) {
        if (!owner.equals(m.getSenderPartnerId())) {
            return Optional.of(new Violation(ReasonCode.SENDER_MISMATCH,
                    "senderPartnerId does not name the owner of outbox '" + owner + "'; a partner may only send as itself"));
        }
        return Optional.empty();
    }

    private static Optional<Violation> timestamp(String field, Instant value, Instant now) {
        if (value == null) {
            return schema(field + " is missing");
        }
        if (value.isBefore(EARLIEST) || value.isAfter(now.plus(CLOCK_SKEW))) {
            return Optional.of(new Violation(ReasonCode.IMPLAUSIBLE_TIMESTAMP,
                    field + " is before 2000 or more than 5 minutes in the future"));
        }
        return Optional.empty();
    }

    private Optional<Violation> receiver(OutboxMessage m) {
        if (m.getBody() instanceof ConsentChange || m.getBody() instanceof CoordinationChange) {
            return Optional.empty(); // consent and coordination are recorded at the hub, not sent to a receiver
        }
        if (partners.find(m.getReceiverPartnerId()).isEmpty()) {
            return Optional.of(new Violation(ReasonCode.UNKNOWN_RECEIVER, "receiverPartnerId names no partner known to the hub"));
        }
        return Optional.empty();
    }

    private static Optional<Violation> body(OutboxMessage m, Instant now) {
        Object body = m.getBody();
        if (body instanceof Signal s) {
            return first(code("signalType", s.getSignalType()), subject(s.getSubject(), now, true), facts(s.getFacts()));
        }
        if (body instanceof HandoffRequest h) {
            return first(id("handoffId", h.getHandoffId()), code("reasonCode", h.getReasonCode()),
                    code("requestedAction", h.getRequestedAction()), subject(h.getSubject(), now, true), facts(h.getFacts()));
        }
        if (body instanceof ConsentChange c) {
            return consent(c, now);
        }
        if (body instanceof CoordinationChange c) {
            boolean handOver = c.getAction() == CoordinationAction.HANDED_OVER;
            if (handOver != (c.getHandOverToPartnerId() != null)) {
                return schema("handOverToPartnerId is given with HANDED_OVER, and only then");
            }
            return first(subject(c.getSubject(), now, true), text("recordedBy", c.getRecordedBy(), MAX_FIELD),
                    handOver ? id("handOverToPartnerId", c.getHandOverToPartnerId()) : Optional.empty());
        }
        if (body instanceof HandoffUpdate u) {
            return first(id("handoffId", u.getHandoffId()),
                    u.getReasonCode() == null ? Optional.empty() : code("reasonCode", u.getReasonCode()),
                    u.getOutcomeCode() == null ? Optional.empty() : code("outcomeCode", u.getOutcomeCode()),
                    u.getSuggestedPartnerId() == null ? Optional.empty() : id("suggestedPartnerId", u.getSuggestedPartnerId()),
                    text("accountable", u.getAccountable(), MAX_FIELD));
        }
        return Optional.empty();
    }

    private static Optional<Violation> consent(ConsentChange c, Instant now) {
        Optional<Violation> base = first(id("consentId", c.getConsentId()), subject(c.getSubject(), now, true),
                text("recordedBy", c.getRecordedBy(), MAX_FIELD));
        if (base.isPresent() || c.getAction() == nl.iwa.hub.contract.outbox.ConsentAction.WITHDRAWN) {
            return base;
        }
        if (c.getPurposes().isEmpty()) {
            return schema("consent names no purposes");
        }
        for (String p : c.getPurposes()) {
            if (code("purposes", p).isPresent()) {
                return code("purposes", p);
            }
        }
        if (c.getRecipientPartnerIds().isEmpty() && c.getRecipientKinds().isEmpty()) {
            return schema("consent names no recipients (recipientPartnerIds or recipientKinds)");
        }
        if (c.getDataCategories().isEmpty()) {
            return schema("consent names no dataCategories");
        }
        for (String category : c.getDataCategories()) {
            if (!DataCategory.names().contains(category)) {
                return schema("dataCategories holds an unknown category; known: " + DataCategory.names());
            }
        }
        if (c.getValidUntil() != null && !c.getValidUntil().isAfter(c.getValidFrom())) {
            return schema("validUntil is not after validFrom");
        }
        return Optional.empty();
    }

    private static Optional<Violation> subject(Subject s, Instant now, boolean mustIdentify) {
        if (s == null) {
            return schema("subject is missing");
        }
        for (String[] f : new String[][] {{"givenName", s.getGivenName()}, {"familyName", s.getFamilyName()},
                {"street", s.getStreet()}, {"houseNumber", s.getHouseNumber()}, {"city", s.getCity()},
                {"phone", s.getPhone()}, {"email", s.getEmail()}}) {
            Optional<Violation> v = text("subject." + f[0], f[1], MAX_FIELD);
            if (v.isPresent()) {
                return v;
            }
        }
        if (s.getBsn() != null && !Bsn.isValid(s.getBsn())) {
            return identity("subject.bsn is not nine digits passing the 11-test");
        }
        if (s.getPostcode() != null && !Postcode.isValid(s.getPostcode())) {
            return identity("subject.postcode is not a Dutch postcode of the form 1234 AB");
        }
        if (s.getBirthDate() != null) {
            LocalDate today = LocalDate.ofInstant(now, ZoneId.of("Europe/Amsterdam"));
            if (s.getBirthDate().isBefore(LocalDate.of(1900, 1, 1)) || s.getBirthDate().isAfter(today)) {
                return identity("subject.birthDate is not a plausible date of birth");
            }
        }
        if (mustIdentify && s.getBsn() == null) {
            if (s.getGivenName() == null || s.getFamilyName() == null || s.getBirthDate() == null || s.getPostcode() == null) {
                return identity("subject needs a bsn, or givenName (or initials), familyName, birthDate and postcode");
            }
            // a name made only of what transliteration cannot turn into letters identifies nobody
            if (NameNormaliser.family(s.getFamilyName()).isEmpty()) {
                return identity("subject.familyName has no letters to identify a resident by");
            }
            if (NameNormaliser.initials(s.getGivenName()).isEmpty()) {
                return identity("subject.givenName has no letters to take initials from");
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> facts(CaseFacts f) {
        if (f == null) {
            return schema("facts is missing");
        }
        if (f.getArrearsMonths() != null && (f.getArrearsMonths() < 0 || f.getArrearsMonths() > 600)) {
            return schema("facts.arrearsMonths is out of range 0..600");
        }
        if (f.getArrearsAmountCents() != null && f.getArrearsAmountCents() < 0) {
            return schema("facts.arrearsAmountCents is negative");
        }
        if (f.getMissedAppointments() != null && f.getMissedAppointments() < 0) {
            return schema("facts.missedAppointments is negative");
        }
        for (String code : f.getConcernCodes()) {
            if (code("facts.concernCodes", code).isPresent()) {
                return code("facts.concernCodes", code);
            }
        }
        return first(text("facts.benefitType", f.getBenefitType(), MAX_FIELD),
                text("facts.trajectoryCode", f.getTrajectoryCode(), MAX_FIELD),
                text("facts.medicalDetail", f.getMedicalDetail(), MAX_TEXT),
                text("facts.freeText", f.getFreeText(), MAX_TEXT));
    }

    private static Optional<Violation> text(String field, String value, int max) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > max) {
            return schema(field + " is longer than " + max + " characters");
        }
        if (CONTROL.matcher(value).find()) {
            return schema(field + " contains control characters");
        }
        return Optional.empty();
    }

    private static Optional<Violation> schema(String reason) {
        return Optional.of(new Violation(ReasonCode.SCHEMA_INVALID, reason));
    }

    private static Optional<Violation> identity(String reason) {
        return Optional.of(new Violation(ReasonCode.INVALID_IDENTITY, reason));
    }

}
