package nl.iwa.hub.testkit.messages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import nl.iwa.hub.contract.common.CaseFacts;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.LifeDomain;
import nl.iwa.hub.contract.common.PartnerKind;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.common.Urgency;
import nl.iwa.hub.contract.outbox.ConsentAction;
import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.Signal;

/**
 * Outbox message bodies as partners fill them: with more in them than any one flow may pass on (the hub minimises),
 * for the tests, the demo partners and the benchmark alike.
 */
public final class Bodies {

    public static final String FREE_TEXT = "Huurder vertelde over ruzie met de buren en schulden bij familie";
    public static final String MEDICAL = "Diagnose depressie, medicatie sertraline";
    /** Who records a consent, as the hub's audit trail names them ("recorded by ... at <partner>"). */
    public static final String RECORDED_BY = "consulent-0042";

    private Bodies() {
    }

    /** Everything a sender's system could know, medical detail included: the same every time. */
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

    /**
     * Facts that vary from case to case, for traffic; the medical detail and loneliness only where the sender is a GP
     * ({@code fromGp}): never allowed to leave the practice, the hub must strip them whatever the policy says.
     */
    public static CaseFacts variedFacts(boolean fromGp) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        CaseFacts.Builder facts = CaseFacts.newBuilder()
                .setArrearsMonths(2 + r.nextInt(4))
                .setArrearsAmountCents(50_000L + r.nextInt(300_000))
                .setBenefitType(r.nextBoolean() ? "WW" : "WIA")
                .setBenefitEndDate(LocalDate.now().plusWeeks(2 + r.nextInt(8)))
                .setTrajectoryCode("PARTICIPATIE")
                .setMissedAppointments(r.nextInt(5))
                .setConcernCodes(List.of("FINANCIAL_STRESS"))
                .setFreeText(FREE_TEXT);
        if (fromGp) {
            facts.setConcernCodes(List.of("LONELINESS", "FINANCIAL_STRESS")).setMedicalDetail(MEDICAL);
        }
        return facts.build();
    }

    public static Signal signal(String signalType, LifeDomain domain, Urgency urgency, Subject subject, CaseFacts facts) {
        return Signal.newBuilder().setSignalType(signalType).setDomain(domain).setUrgency(urgency)
                .setSubject(subject).setFacts(facts).build();
    }

    /** A handoff with a fresh handoff id. */
    public static HandoffRequest handoff(String reasonCode, String requestedAction, LifeDomain domain, Urgency urgency,
                                         Subject subject, CaseFacts facts) {
        return HandoffRequest.newBuilder().setHandoffId(UUID.randomUUID().toString())
                .setReasonCode(reasonCode).setRequestedAction(requestedAction)
                .setDomain(domain).setUrgency(urgency).setSubject(subject).setFacts(facts).build();
    }

    public static Signal rentArrears(Subject subject) {
        return signal("RENT_ARREARS", LifeDomain.HOUSING, Urgency.HIGH, subject, fullFacts());
    }

    public static Signal dropOut(Subject subject) {
        return signal("TRAJECTORY_DROP_OUT", LifeDomain.WORK, Urgency.NORMAL, subject, fullFacts());
    }

    public static HandoffRequest psychosocial(Subject subject) {
        return handoff("PSYCHOSOCIAL_CONCERN", "CONTACT_RESIDENT", LifeDomain.SOCIAL, Urgency.NORMAL, subject, fullFacts());
    }

    public static HandoffRequest workReintegration(Subject subject) {
        return handoff("WORK_REINTEGRATION", "TAKE_OVER", LifeDomain.WORK, Urgency.NORMAL, subject, fullFacts());
    }

    public static HandoffUpdate update(String handoffId, HandoffStatus status) {
        return HandoffUpdate.newBuilder().setHandoffId(handoffId).setStatus(status).build();
    }

    /** A resident's consent for one purpose and receiver, valid for a year from a minute ago. */
    public static ConsentChange grant(String consentId, Subject subject, String purpose, String recipient, String... categories) {
        return grant(consentId, subject, purpose, recipient, List.of(categories));
    }

    public static ConsentChange grant(String consentId, Subject subject, String purpose, String recipient, List<String> categories) {
        return ConsentChange.newBuilder()
                .setConsentId(consentId)
                .setAction(ConsentAction.GRANTED)
                .setSubject(subject)
                .setPurposes(List.of(purpose))
                .setRecipientPartnerIds(List.of(recipient))
                .setRecipientKinds(List.<PartnerKind>of())
                .setDataCategories(categories)
                .setValidFrom(Instant.now().minus(1, ChronoUnit.MINUTES))
                .setValidUntil(Instant.now().plus(365, ChronoUnit.DAYS))
                .setEvidenceReference("form-2026-" + consentId.substring(0, 8))
                .setRecordedBy(RECORDED_BY)
                .build();
    }

    public static ConsentChange withdraw(String consentId, Subject subject) {
        return ConsentChange.newBuilder()
                .setConsentId(consentId)
                .setAction(ConsentAction.WITHDRAWN)
                .setSubject(subject)
                .setValidFrom(Instant.now())
                .setRecordedBy(RECORDED_BY)
                .build();
    }
}
