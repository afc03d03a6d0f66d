package nl.iwa.hub.ops.demo;

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
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.contract.outbox.Signal;

/**
 * Outbox messages as partner systems fill them in: with more in them than any one flow may pass on (the hub
 * minimises), fresh opaque ids, and the case's correlation id.
 */
public final class OutboxMessages {

    private OutboxMessages() {
    }

    public static OutboxMessage envelope(String from, String to, String purpose, String correlationId, Object body) {
        Instant now = Instant.now();
        return OutboxMessage.newBuilder()
                .setMessageId(UUID.randomUUID().toString())
                .setCorrelationId(correlationId)
                .setSenderPartnerId(from)
                .setReceiverPartnerId(to)
                .setPurpose(purpose)
                .setOccurredAt(now.minus(ThreadLocalRandom.current().nextInt(1, 120), ChronoUnit.MINUTES))
                .setSentAt(now)
                .setBody(body)
                .build();
    }

    public static Signal signal(Scenario scenario, Subject resident) {
        return Signal.newBuilder().setSignalType(scenario.code()).setDomain(domain(scenario)).setUrgency(urgency())
                .setSubject(resident).setFacts(facts(scenario)).build();
    }

    public static HandoffRequest handoff(Scenario scenario, Subject resident) {
        return HandoffRequest.newBuilder()
                .setHandoffId(UUID.randomUUID().toString())
                .setReasonCode(scenario.code())
                .setRequestedAction(scenario.sender().equals(Partners.GP) ? "CONTACT_RESIDENT" : "TAKE_OVER")
                .setDomain(domain(scenario))
                .setUrgency(urgency())
                .setSubject(resident)
                .setFacts(facts(scenario))
                .build();
    }

    public static ConsentChange grant(String consentId, Scenario scenario, Subject resident) {
        return ConsentChange.newBuilder()
                .setConsentId(consentId)
                .setAction(ConsentAction.GRANTED)
                .setSubject(resident)
                .setPurposes(List.of(scenario.purpose()))
                .setRecipientPartnerIds(List.of(scenario.receiver()))
                .setRecipientKinds(List.<PartnerKind>of())
                .setDataCategories(scenario.consentCategories())
                .setValidFrom(Instant.now().minus(1, ChronoUnit.MINUTES))
                .setValidUntil(Instant.now().plus(365, ChronoUnit.DAYS))
                .setEvidenceReference("DEMO-FORM-" + consentId.substring(0, 8).toUpperCase())
                .setRecordedBy("demo-professional")
                .build();
    }

    static ConsentChange withdrawal(String consentId, Subject resident) {
        return ConsentChange.newBuilder()
                .setConsentId(consentId)
                .setAction(ConsentAction.WITHDRAWN)
                .setSubject(resident)
                .setValidFrom(Instant.now())
                .setRecordedBy("demo-professional")
                .build();
    }

    public static HandoffUpdate update(String handoffId, HandoffStatus status) {
        return HandoffUpdate.newBuilder().setHandoffId(handoffId).setStatus(status).build();
    }

    private static LifeDomain domain(Scenario scenario) {
        return switch (scenario.code()) {
            case "RENT_ARREARS" -> LifeDomain.HOUSING;
            case "BENEFIT_ENDING" -> LifeDomain.INCOME;
            case "TRAJECTORY_DROP_OUT", "WORK_REINTEGRATION" -> LifeDomain.WORK;
            default -> LifeDomain.SOCIAL;
        };
    }

    private static Urgency urgency() {
        return ThreadLocalRandom.current().nextInt(10) == 0 ? Urgency.THREATENING : Urgency.NORMAL;
    }

    /** Everything the sender's system knows; each flow's policy decides what the receiver gets. */
    private static CaseFacts facts(Scenario scenario) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        CaseFacts.Builder facts = CaseFacts.newBuilder()
                .setArrearsMonths(2 + r.nextInt(4))
                .setArrearsAmountCents(50_000L + r.nextInt(300_000))
                .setBenefitType(r.nextBoolean() ? "WW" : "WIA")
                .setBenefitEndDate(LocalDate.now().plusWeeks(2 + r.nextInt(8)))
                .setTrajectoryCode("PARTICIPATIE")
                .setMissedAppointments(r.nextInt(5))
                .setConcernCodes(List.of("FINANCIAL_STRESS"))
                .setFreeText("demo remark: spoke with the resident at the counter");
        if (scenario.sender().equals(Partners.GP)) {
            // never allowed to leave the practice: the hub must strip it whatever the policy says
            facts.setConcernCodes(List.of("LONELINESS", "FINANCIAL_STRESS")).setMedicalDetail("demo: medical detail");
        }
        return facts.build();
    }
}
