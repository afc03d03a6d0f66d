package nl.iwa.hub.privacy;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;

/**
 * Every flow about one resident, found through the pseudonym in the audit trail: when, from whom, to whom,
 * for which purpose, on which basis, with which fields. The report itself names no values either; the
 * officer knows whom it is about because they asked.
 */
public final class SubjectAccessReport {

    private SubjectAccessReport() {
    }

    public record Flow(Instant when, String from, String to, String messageType, String purpose, String legalBasis,
                       String policyId, String consentReference, String fields) {
    }

    public static List<Flow> flows(List<AuditRecord> aboutSubject) {
        return aboutSubject.stream()
                .filter(r -> r.getDecision() == Decision.DELIVERED)
                .sorted(Comparator.comparing(AuditRecord::getRecordedAt))
                .map(r -> new Flow(r.getRecordedAt(), r.getSenderPartnerId(), r.getReceiverPartnerId(), r.getMessageType(),
                        r.getPurpose(), r.getLegalBasis() == null ? null : r.getLegalBasis().name(), r.getPolicyId(),
                        r.getConsentReference(), String.join(" ", r.getFieldsDelivered())))
                .toList();
    }

    public static String csv(List<Flow> flows) {
        CsvMapper mapper = new CsvMapper();
        mapper.findAndRegisterModules();
        mapper.disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        CsvSchema schema = mapper.schemaFor(Flow.class).withHeader()
                .sortedBy("when", "from", "to", "messageType", "purpose", "legalBasis", "policyId", "consentReference", "fields");
        try {
            return mapper.writer(schema).writeValueAsString(flows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as CSV", e);
        }
    }
}
