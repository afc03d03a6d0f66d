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
import nl.iwa.hub.audit.AuditIndex;
import nl.iwa.hub.audit.AuditVerifier;
import nl.iwa.hub.config.HubProperties;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.identity.Bsn;
import nl.iwa.hub.identity.Pseudonymiser;
import nl.iwa.hub.policy.PolicyBook;
import nl.iwa.hub.privacy.PolicyMatrix;
import nl.iwa.hub.privacy.SubjectAccessReport;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.TopicReader;
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
    private final TopicReader reader;
    private final AvroCodec codec;
    private final HubProperties props;

    public PrivacyOfficerController(PolicyBook policies, AuditIndex audit, Pseudonymiser pseudonymiser, TopicReader reader,
                                    AvroCodec codec, HubProperties props) {
        this.policies = policies;
        this.audit = audit;
        this.pseudonymiser = pseudonymiser;
        this.reader = reader;
        this.codec = codec;
        this.props = props;
    }

    public record AuditView(String auditId, Instant recordedAt, String decision, String reasonCode, String messageId,
                            String correlationId, String messageType, String senderPartnerId, String receiverPartnerId,
                            String subjectPseudonym, String purpose, String policyId, String legalBasis,
                            String consentReference, List<String> fieldsDelivered, List<String> fieldsRemoved, String detail) {

        static AuditView of(AuditRecord r) {
            return new AuditView(r.getAuditId(), r.getRecordedAt(), r.getDecision().name(),
                    r.getReasonCode() == null ? null : r.getReasonCode().name(), r.getMessageId(), r.getCorrelationId(),
                    r.getMessageType(), r.getSenderPartnerId(), r.getReceiverPartnerId(), r.getSubjectPseudonym(), r.getPurpose(),
                    r.getPolicyId(), r.getLegalBasis() == null ? null : r.getLegalBasis().name(), r.getConsentReference(),
                    List.copyOf(r.getFieldsDelivered()), List.copyOf(r.getFieldsRemoved()), r.getDetail());
        }
    }

    /** Who asks about whom: a BSN, or family name, birth date and postcode where there is none. */
    /** By BSN, by givenName (or initials) + familyName + birthDate + postcode, or by both (then both pseudonyms count). */
    public record SubjectQuery(String bsn, String givenName, String familyName, LocalDate birthDate, String postcode) {
    }

    public record BlockedSummary(String senderPartnerId, String receiverPartnerId, String reasonCode, long count, Instant last) {
    }

    @GetMapping("/policies")
    public List<PolicyMatrix.Row> policyMatrix() {
        return PolicyMatrix.of(policies);
    }

    @GetMapping("/audit")
    public List<AuditView> search(@RequestParam(required = false) String partner,
                                  @RequestParam(required = false) Instant from,
                                  @RequestParam(required = false) Instant until,
                                  @RequestParam(required = false) String decision,
                                  @RequestParam(defaultValue = "1000") int limit) {
        Decision wanted = decision == null ? null : parse(decision);
        List<AuditRecord> found = audit.search(partner, from, until, wanted);
        return found.stream().skip(Math.max(0, found.size() - Math.max(1, Math.min(limit, 10_000)))).map(AuditView::of).toList();
    }

    @PostMapping(value = "/subject-access", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    public ResponseEntity<?> subjectAccess(@RequestBody SubjectQuery query,
                                           @RequestParam(defaultValue = "json") String format, Principal who) {
        Set<String> pseudonyms = pseudonymsOf(query);
        List<SubjectAccessReport.Flow> flows = SubjectAccessReport.flows(audit.find(r -> pseudonyms.contains(r.getSubjectPseudonym())));
        log.info("subject access report by {}: {} flows", who == null ? "?" : who.getName(), flows.size());
        if ("csv".equalsIgnoreCase(format)) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv"))
                    .header("Content-Disposition", "attachment; filename=subject-access-report.csv")
                    .body(SubjectAccessReport.csv(flows));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(flows);
    }

    @GetMapping("/blocked")
    public List<BlockedSummary> blocked(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant until) {
        Map<String, BlockedSummary> byKey = new TreeMap<>();
        for (AuditRecord r : audit.find(r -> (r.getDecision() == Decision.BLOCKED || r.getDecision() == Decision.REJECTED
                || r.getDecision() == Decision.DEAD_LETTERED)
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

    /** Reads the audit topic as it is now (not the in-memory index) and checks the hash chain. */
    @GetMapping("/audit/verify")
    public AuditVerifier.Verification verify() {
        List<AuditRecord> chain = new ArrayList<>();
        long[] firstOffset = {-1};
        reader.readAll(props.topics().audit(), r -> {
            if (firstOffset[0] < 0) {
                firstOffset[0] = r.offset();
            }
            if (codec.decode(props.topics().audit(), r.value()) instanceof AuditRecord a) {
                chain.add(a);
            }
        });
        return AuditVerifier.verify(chain, firstOffset[0] <= 0);
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

    private static Decision parse(String decision) {
        try {
            return Decision.valueOf(decision.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown decision; one of " + List.of(Decision.values()));
        }
    }
}
