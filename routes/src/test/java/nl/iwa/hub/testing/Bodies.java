package nl.iwa.hub.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import nl.iwa.hub.contract.common.CaseFacts;
import nl.iwa.hub.contract.common.LifeDomain;
import nl.iwa.hub.contract.common.PartnerKind;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.common.Urgency;
import nl.iwa.hub.contract.outbox.ConsentAction;
import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.Signal;

/** Message bodies as partners would fill them, with more in them than any policy lets through. */
public final class Bodies {

    public static final String FREE_TEXT = "Huurder vertelde over ruzie met de buren en schulden bij familie";
    public static final String MEDICAL = "Diagnose depressie, medicatie sertraline";

    private Bodies() {
    }

    public static CaseFacts fullFacts() {
        return CaseFacts.newBuilder()
                .setArrearsMonths(2)
                .setArrearsAmountCents(148_000L)
                .setBenefitType("WW")
                .setBenefitEndDate(LocalDate.now().plusWeeks(4))
                .setTrajectoryCode("PARTICIPATIE_TRAJECT")
                .setMissedAppointments(3)
                .setConcernCodes(List.of("LONELINESS", "FINANCIAL_STRESS"))
                .setMedicalDetail(MEDICAL)
                .setFreeText(FREE_TEXT)
                .build();
    }

    public static Signal rentArrears(Subject subject) {
        return Signal.newBuilder().setSignalType("RENT_ARREARS").setDomain(LifeDomain.HOUSING)
                .setUrgency(Urgency.HIGH).setSubject(subject).setFacts(fullFacts()).build();
    }

    public static Signal dropOut(Subject subject) {
        return Signal.newBuilder().setSignalType("TRAJECTORY_DROP_OUT").setDomain(LifeDomain.WORK)
                .setSubject(subject).setFacts(fullFacts()).build();
    }

    public static HandoffRequest psychosocial(Subject subject) {
        return HandoffRequest.newBuilder().setHandoffId(java.util.UUID.randomUUID().toString())
                .setReasonCode("PSYCHOSOCIAL_CONCERN").setRequestedAction("CONTACT_RESIDENT")
                .setDomain(LifeDomain.SOCIAL).setSubject(subject).setFacts(fullFacts()).build();
    }

    public static HandoffRequest workReintegration(Subject subject) {
        return HandoffRequest.newBuilder().setHandoffId(java.util.UUID.randomUUID().toString())
                .setReasonCode("WORK_REINTEGRATION").setRequestedAction("TAKE_OVER")
                .setDomain(LifeDomain.WORK).setSubject(subject).setFacts(fullFacts()).build();
    }

    public static nl.iwa.hub.contract.outbox.HandoffUpdate update(String handoffId, nl.iwa.hub.contract.common.HandoffStatus status) {
        return nl.iwa.hub.contract.outbox.HandoffUpdate.newBuilder().setHandoffId(handoffId).setStatus(status).build();
    }

    public static ConsentChange grant(String consentId, Subject subject, String purpose, String recipient, String... categories) {
        return ConsentChange.newBuilder()
                .setConsentId(consentId)
                .setAction(ConsentAction.GRANTED)
                .setSubject(subject)
                .setPurposes(List.of(purpose))
                .setRecipientPartnerIds(List.of(recipient))
                .setRecipientKinds(List.<PartnerKind>of())
                .setDataCategories(List.of(categories))
                .setValidFrom(Instant.now().minus(1, ChronoUnit.MINUTES))
                .setValidUntil(Instant.now().plus(365, ChronoUnit.DAYS))
                .setEvidenceReference("form-2026-" + consentId.substring(0, 8))
                .setRecordedBy("consulent-0042")
                .build();
    }

    public static ConsentChange withdraw(String consentId, Subject subject) {
        return ConsentChange.newBuilder()
                .setConsentId(consentId)
                .setAction(ConsentAction.WITHDRAWN)
                .setSubject(subject)
                .setValidFrom(Instant.now())
                .setRecordedBy("consulent-0042")
                .build();
    }
}
