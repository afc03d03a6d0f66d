package nl.iwa.hub.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import nl.iwa.hub.contract.common.HandoffStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Hub status to HL7 FHIR R4 Task.status and Task.businessStatus. */
class FhirTaskStatusTest {

    /** The FHIR R4 TaskStatus value set (http://hl7.org/fhir/task-status). */
    static final Set<String> FHIR_R4_TASK_STATUS = Set.of("draft", "requested", "received", "accepted", "rejected",
            "ready", "cancelled", "in-progress", "on-hold", "failed", "completed", "entered-in-error");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "REQUESTED,   requested",
            "DELIVERED,   requested",
            "RECEIVED,    received",
            "ACCEPTED,    accepted",
            "DECLINED,    rejected",
            "IN_PROGRESS, in-progress",
            "COMPLETED,   completed",
            "CANCELLED,   cancelled",
            "FAILED,      failed"})
    void mapsOntoFhirTaskStatus(HandoffStatus status, String fhir) {
        assertThat(FhirTaskStatus.of(status)).isEqualTo(fhir).isIn(FHIR_R4_TASK_STATUS);
    }

    @ParameterizedTest
    @EnumSource(HandoffStatus.class)
    void businessStatusKeepsWhatTheFhirCodeLoses(HandoffStatus status) {
        assertThat(FhirTaskStatus.businessStatus(status)).isEqualTo(status.name());
    }
}
