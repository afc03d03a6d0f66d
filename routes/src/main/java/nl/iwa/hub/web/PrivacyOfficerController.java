package nl.iwa.hub.web;

import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import nl.iwa.hub.audit.kafka.AuditCursor;
import nl.iwa.hub.audit.kafka.AuditIndex;
import nl.iwa.hub.audit.kafka.AuditTrailReader;
import nl.iwa.hub.audit.TrailVerifier;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.identity.Bsn;
import nl.iwa.hub.identity.Pseudonymiser;
import nl.iwa.hub.policy.PolicyBook;
import nl.iwa.hub.privacy.PolicyMatrix;
import nl.iwa.hub.privacy.SubjectAccessReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The privacy officer's (FG) questions: the policy matrix, audit search, a subject access report per resident,
 * blocked flows, and a verification of the audit hash chain. Identity for the subject access report travels
 * in a POST body, never in a URL (which proxies and access logs keep).
 */
@RestController
@RequestMapping("/api/privacy")
public class PrivacyOfficerController {

    private static final Logger log = LoggerFactory.getLogger(PrivacyOfficerController.class);

    private final PolicyBook policies;
    private final AuditIndex audit;
    private final Pseudonymiser pseudonymiser;
    private static final int MAX_PAGE = 1000;
    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final AuditTrailReader trailReader;
    private final nl.iwa.hub.privacy.ActionAudit actions;
    private final java.time.Clock clock;

    public PrivacyOfficerController(PolicyBook policies, AuditIndex audit, Pseudonymiser pseudonymiser,
                                    AuditTrailReader trailReader, nl.iwa.hub.privacy.ActionAudit actions, java.time.Clock clock) {
        this.policies = policies;
        this.audit = audit;
        this.pseudonymiser = pseudonymiser;
        this.trailReader = trailReader;
        this.actions = actions;
        this.clock = clock;
    }

    /**
     * An audit record as the search shows it: without the resident's pseudonym, so that paging through the
     * trail is no bulk export of who is known to the hub; one resident's flows are found by a subject access
     * lookup, which is itself audited.
     */
    public record AuditView(int chain, long position, String auditId, Instant recordedAt, String decision, String reasonCode, String messageId,
                            String correlationId, String messageType, String senderPartnerId, String receiverPartnerId,
                            String purpose, String policyId, String legalBasis, String consentReference,
                            List<String> fieldsDelivered, List<String> fieldsRemoved, String detail, String actor) {

        static AuditView of(AuditIndex.Positioned p) {
            AuditRecord r = p.record();
            return new AuditView(p.partition(), p.offset(), r.getAuditId(), r.getRecordedAt(), r.getDecision().name(),
                    r.getReasonCode() == null ? null : r.getReasonCode().name(), r.getMessageId(), r.getCorrelationId(),
                    r.getMessageType(), r.getSenderPartnerId(), r.getReceiverPartnerId(), r.getPurpose(),
                    r.getPolicyId(), r.getLegalBasis() == null ? null : r.getLegalBasis().name(), r.getConsentReference(),
                    List.copyOf(r.getFieldsDelivered()), List.copyOf(r.getFieldsRemoved()), r.getDetail(), r.getActor());
        }
    }

    /** A page of the search; {@code next} is the {@code after} of the next page (an opaque cursor), null on the last. */
    public record AuditPage(List<AuditView> records, String next) {
    }

    /** Who asks about whom: a BSN, or family name, birth date and postcode where there is none. */
    /** By BSN, by givenName (or initials) + familyName + birthDate + postcode, or by both (then both pseudonyms count). */
    public record SubjectQuery(String bsn, String givenName, String familyName, LocalDate birthDate, String postcode) {
    }

    public record BlockedSummary(String senderPartnerId, String receiverPartnerId, String reasonCode, long count, Instant last) {
    }

    @GetMapping("/policies")
    public List<PolicyMatrix.Row> policyMatrix(Principal who) {
        actions.viewed(name(who), "policy matrix");
        return PolicyMatrix.of(policies);
    }

    /** The audit trail, oldest first, {@code limit} records (at most 1,000) a page; follow {@code next} as {@code after}. */
    @GetMapping("/audit")
    public AuditPage search(@RequestParam(required = false) String partner,
                            @RequestParam(required = false) Instant from,
                            @RequestParam(required = false) Instant until,
                            @RequestParam(required = false) String decision,
                            @RequestParam(required = false) String caseId,
                            @RequestParam(required = false) String after,
                            @RequestParam(defaultValue = "100") int limit,
                            Principal who) {
        Decision wanted = decision == null ? null : parse(decision);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit is 1 to " + MAX_PAGE);
        }
        if (partner != null && !IDENTIFIER.matcher(partner).matches() || caseId != null && !IDENTIFIER.matcher(caseId).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "partner and caseId are ids: letters, digits, '-', '_', '.' and ':'");
        }
        AuditCursor cursor;
        try {
            cursor = AuditCursor.parse(after);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "after is the next of a previous page");
        }
        actions.viewed(name(who), "audit search partner=" + partner + " decision=" + wanted + " from=" + from + " until=" + until
                + " caseId=" + caseId + " after=" + cursor);
        AuditIndex.Page page = audit.search(partner, from, until, wanted, caseId, cursor, limit);
        return new AuditPage(page.records().stream().map(AuditView::of).toList(),
                page.next() == null ? null : page.next().toString());
    }

    @PostMapping(value = "/subject-access", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    public ResponseEntity<?> subjectAccess(@RequestBody SubjectQuery query,
                                           @RequestParam(defaultValue = "json") String format, Principal who) {
        Set<String> pseudonyms = pseudonymsOf(query);
        List<SubjectAccessReport.Flow> flows = SubjectAccessReport.flows(audit.find(r -> pseudonyms.contains(r.getSubjectPseudonym())));
        // who looked up whom, on the trail before the answer leaves
        actions.lookedUp(name(who), pseudonyms, "subject access report, " + flows.size() + " flows");
        log.info("subject access report by {}: {} flows", name(who), flows.size());
        if ("csv".equalsIgnoreCase(format)) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv"))
                    .header("Content-Disposition", "attachment; filename=subject-access-report.csv")
                    .body(SubjectAccessReport.csv(flows));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(flows);
    }

    @GetMapping("/blocked")
    public List<BlockedSummary> blocked(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant until,
                                        Principal who) {
        actions.viewed(name(who), "blocked flows from=" + from + " until=" + until);
        Map<String, BlockedSummary> byKey = new TreeMap<>();
        for (AuditRecord r : audit.find(r -> nl.iwa.hub.privacy.BlockedPerDay.counts(r)
                && (from == null || !r.getRecordedAt().isBefore(from)) && (until == null || r.getRecordedAt().isBefore(until)))) {
            String reason = r.getReasonCode() == null ? "OTHER" : r.getReasonCode().name();
            String key = r.getSenderPartnerId() + "|" + r.getReceiverPartnerId() + "|" + reason;
            BlockedSummary prev = byKey.get(key);
            byKey.put(key, new BlockedSummary(r.getSenderPartnerId(), r.getReceiverPartnerId(), reason,
                    prev == null ? 1 : prev.count() + 1,
                    prev == null || r.getRecordedAt().isAfter(prev.last()) ? r.getRecordedAt() : prev.last()));
        }
        List<BlockedSummary> out = new ArrayList<>(byKey.values());
        out.sort(Comparator.comparingLong(BlockedSummary::count).reversed());
        return out;
    }

    /**
     * Flows not passed on (blocked, rejected, dead-lettered) per day and reason code over the last {@code days}
     * days (UTC), today included: for a chart of what partners send that no policy allows.
     */
    @GetMapping("/blocked/daily")
    public nl.iwa.hub.privacy.BlockedPerDay blockedDaily(@RequestParam(defaultValue = "30") int days, Principal who) {
        if (days < 1 || days > nl.iwa.hub.privacy.BlockedPerDay.MAX_DAYS) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "days is 1 to " + nl.iwa.hub.privacy.BlockedPerDay.MAX_DAYS);
        }
        actions.viewed(name(who), "blocked flows per day, " + days + " days");
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        Instant start = nl.iwa.hub.privacy.BlockedPerDay.start(today, days, java.time.ZoneOffset.UTC);
        return nl.iwa.hub.privacy.BlockedPerDay.of(audit.find(r -> nl.iwa.hub.privacy.BlockedPerDay.counts(r)
                && !r.getRecordedAt().isBefore(start)), today, days, java.time.ZoneOffset.UTC);
    }

    /**
     * Reads the audit trail and its seals as they are on the topics now (not the in-memory index) and verifies
     * the hash chain, the signed head and checkpoints, and the start.
     */
    @GetMapping("/audit/verify")
    public TrailVerifier.Verification verify() {
        return trailReader.verifyNow(clock.instant());
    }

    /**
     * The signed checkpoints, one JSON object per line, to keep outside the hub (and outside the broker): each
     * names every chain's length and head hash at the time and their Merkle root, the digest of the checkpoint before it, and its
     * signature over {@code signedText}, verifiable with the public key below and openssl.
     */
    @GetMapping(value = "/audit/checkpoints", produces = "application/x-ndjson")
    public String checkpoints() {
        StringBuilder out = new StringBuilder();
        trailReader.checkpoints().forEach(cp -> out.append(cp.toJson()).append('\n'));
        return out.toString();
    }

    /** The public keys the hub trusts for seals (the current one first), as PEM. */
    @GetMapping(value = "/audit/signing-keys", produces = "application/x-pem-file")
    public String signingKeys() {
        return trailReader.keys().pem();
    }

    /**
     * A resident known to some partners by BSN and to others by name has two pseudonyms; given both, the report
     * covers both, which is how a name-based and a BSN-based pseudonym of one resident are linked.
     */
    private Set<String> pseudonymsOf(SubjectQuery q) {
        Set<String> pseudonyms = new java.util.LinkedHashSet<>();
        if (q.bsn() != null && !q.bsn().isBlank()) {
            if (!Bsn.isValid(q.bsn())) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "bsn is not nine digits passing the 11-test");
            }
            pseudonyms.add(pseudonymiser.pseudonymOfBsn(q.bsn()));
        }
        boolean nameGiven = q.familyName() != null || q.givenName() != null;
        Optional<String> byName = pseudonymiser.pseudonymOf(q.familyName(), q.givenName(), q.birthDate(), q.postcode());
        if (nameGiven && byName.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "a name-based lookup needs givenName (or initials) and familyName with letters, birthDate and a valid postcode");
        }
        byName.ifPresent(pseudonyms::add);
        if (pseudonyms.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "give a bsn, or givenName (or initials), familyName, birthDate and a valid postcode, or both");
        }
        return pseudonyms;
    }

    private static String name(Principal who) {
        return who == null ? null : who.getName();
    }

    private static Decision parse(String decision) {
        try {
            return Decision.valueOf(decision.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown decision; one of " + List.of(Decision.values()));
        }
    }
}
