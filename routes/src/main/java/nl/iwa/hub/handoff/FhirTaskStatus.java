package nl.iwa.hub.handoff;

import nl.iwa.hub.contract.common.HandoffStatus;

/**
 * Maps the hub's handoff status onto HL7 FHIR R4 {@code Task.status}, so that a partner working with FHIR Tasks
 * can follow a handoff without knowing the hub's vocabulary.
 *
 * <table>
 *   <caption>Hub status to FHIR R4 Task.status</caption>
 *   <tr><th>Hub status</th><th>Task.status</th><th>Why</th></tr>
 *   <tr><td>REQUESTED</td><td>requested</td><td>ready to be acted upon, action is sought</td></tr>
 *   <tr><td>DELIVERED</td><td>requested</td><td>FHIR has no "delivered to the performer's inbox"; the
 *       performer has not claimed it yet, which is what "received" would say</td></tr>
 *   <tr><td>RECEIVED</td><td>received</td><td>a potential performer has claimed ownership and is evaluating
 *       whether to perform it</td></tr>
 *   <tr><td>ACCEPTED</td><td>accepted</td><td>the performer has agreed to execute it</td></tr>
 *   <tr><td>DECLINED</td><td>rejected</td><td>the performer decided not to execute it before any action</td></tr>
 *   <tr><td>IN_PROGRESS</td><td>in-progress</td><td>started (first contact made), not yet complete</td></tr>
 *   <tr><td>COMPLETED</td><td>completed</td><td>the work is done; the outcome code says how it ended</td></tr>
 *   <tr><td>CANCELLED</td><td>cancelled</td><td>will not be completed: the requester (sender) withdrew it</td></tr>
 *   <tr><td>FAILED</td><td>failed</td><td>attempted but could not be completed, e.g. resident unreachable</td></tr>
 * </table>
 *
 * <p>Two hub statuses share {@code requested}, so the mapping loses information; {@link #businessStatus} (FHIR's
 * {@code Task.businessStatus}, "the current status of the task within the business process") carries the hub
 * status itself so nothing is lost. The FHIR codes draft, ready, on-hold and entered-in-error are not used.
 */
public final class FhirTaskStatus {

    private FhirTaskStatus() {
    }

    /** The FHIR R4 Task.status code for {@code status}. */
    public static String of(HandoffStatus status) {
        return switch (status) {
            case REQUESTED, DELIVERED -> "requested";
            case RECEIVED -> "received";
            case ACCEPTED -> "accepted";
            case DECLINED -> "rejected";
            case IN_PROGRESS -> "in-progress";
            case COMPLETED -> "completed";
            case CANCELLED -> "cancelled";
            case FAILED -> "failed";
        };
    }

    /** The code for FHIR Task.businessStatus: the hub status name, which tells DELIVERED from REQUESTED. */
    public static String businessStatus(HandoffStatus status) {
        return status.name();
    }
}
