package nl.iwa.hub.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.iwa.hub.consent.Consent;
import nl.iwa.hub.consent.ConsentRegistry;
import nl.iwa.hub.consent.ConsentRetention;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.PartnerKind;
import nl.iwa.hub.contract.common.Urgency;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.handoff.HandoffTransition;
import nl.iwa.hub.handoff.HandoffRetention;
import nl.iwa.hub.handoff.HandoffStore;
import nl.iwa.hub.observability.HubMetrics;
import nl.iwa.hub.outcome.OutcomeWriter;
import nl.iwa.hub.policy.DataCategory;
import nl.iwa.hub.policy.PolicyBook;
import nl.iwa.hub.testing.DemoConfiguration;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.transport.Outbound;
import org.junit.jupiter.api.Test;

/**
 * Settled handoffs and ended consents leave the working state after their policy's retention, counted from when they
 * settled or ended; what is open or in force never leaves. With the demo's reviewed policies: the rent-arrears and
 * drop-out flows keep 365 days, the work-reintegration and psychosocial handoffs 730.
 */
class StateRetentionTest {

    static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    static final PolicyBook POLICIES = DemoConfiguration.LOADED.policies();
    static final Topics TOPICS = Topics.withPrefix("iwa");

    final HandoffRetention handoffRetention = new HandoffRetention(POLICIES);
    final ConsentRetention consentRetention = new ConsentRetention(POLICIES);

    @Test
    void aSettledHandoffLeavesItsPolicysRetentionAfterItSettled() {
        HandoffRecord declined = handoff("socialteam-uwv-work-reintegration", HandoffStatus.DECLINED, T);

        assertThat(handoffRetention.leavesAt(declined)).contains(T.plus(Duration.ofDays(730)));
        assertThat(handoffRetention.expired(declined, T.plus(Duration.ofDays(730)).minusSeconds(1))).isFalse();
        assertThat(handoffRetention.expired(declined, T.plus(Duration.ofDays(730)))).isTrue();
        assertThat(handoffRetention.leavesAt(handoff("gp-socialteam-psychosocial", HandoffStatus.COMPLETED, T)))
                .contains(T.plus(Duration.ofDays(730)));
    }

    @Test
    void anOpenHandoffNeverLeavesHoweverOld() {
        for (HandoffStatus open : List.of(HandoffStatus.REQUESTED, HandoffStatus.DELIVERED, HandoffStatus.ACCEPTED, HandoffStatus.IN_PROGRESS)) {
            HandoffRecord h = handoff("socialteam-uwv-work-reintegration", open, T.minus(Duration.ofDays(5000)));
            assertThat(handoffRetention.leavesAt(h)).as(open.name()).isEmpty();
            assertThat(handoffRetention.expired(h, T)).as(open.name()).isFalse();
        }
    }

    @Test
    void aHandoffOfAPolicyNoLongerReviewedKeepsTheLongestRetention() {
        assertThat(handoffRetention.leavesAt(handoff("a-policy-since-removed", HandoffStatus.CANCELLED, T)))
                .contains(T.plus(Duration.ofDays(730)));
    }

    @Test
    void anEndedConsentLeavesTheLongestRetentionOfTheConsentFlowsForItsPurposes() {
        Consent work = consent(Set.of("WORK_REINTEGRATION"), null, T);
        Consent coordination = consent(Set.of("SUPPORT_COORDINATION"), null, T);
        Consent both = consent(Set.of("SUPPORT_COORDINATION", "PSYCHOSOCIAL_SUPPORT"), null, T);
        Consent unknownPurpose = consent(Set.of("SOMETHING_ELSE"), null, T);

        assertThat(consentRetention.leavesAt(work)).contains(T.plus(Duration.ofDays(730)));
        assertThat(consentRetention.leavesAt(coordination)).contains(T.plus(Duration.ofDays(365)));
        assertThat(consentRetention.leavesAt(both)).contains(T.plus(Duration.ofDays(730)));
        assertThat(consentRetention.leavesAt(unknownPurpose)).contains(T.plus(Duration.ofDays(730)));
    }

    @Test
    void aConsentPastItsValidityEndsThenAndOneInForceNeverLeaves() {
        Consent lapsed = consent(Set.of("SUPPORT_COORDINATION"), T, null);
        Consent open = consent(Set.of("SUPPORT_COORDINATION"), null, null);

        assertThat(consentRetention.leavesAt(lapsed)).contains(T.plus(Duration.ofDays(365)));
        assertThat(consentRetention.leavesAt(open)).isEmpty();
        assertThat(consentRetention.expired(open, T.plus(Duration.ofDays(5000)))).isFalse();
    }

    @Test
    void dueWritesTombstonesForWhatIsPastRetentionAndForgetsItOnceCommitted() {
        HandoffStore handoffs = new HandoffStore();
        ConsentRegistry consents = new ConsentRegistry();
        HandoffRecord old = handoff("socialteam-uwv-work-reintegration", HandoffStatus.COMPLETED, T);
        HandoffRecord recent = handoff("socialteam-uwv-work-reintegration", HandoffStatus.COMPLETED, T.plus(Duration.ofDays(100)));
        HandoffRecord open = handoff("socialteam-uwv-work-reintegration", HandoffStatus.ACCEPTED, T.minus(Duration.ofDays(1000)));
        List.of(old, recent, open).forEach(handoffs::put);
        Consent withdrawn = consent(Set.of("SUPPORT_COORDINATION"), null, T);
        Consent inForce = consent(Set.of("SUPPORT_COORDINATION"), null, null);
        consents.put(withdrawn);
        consents.put(inForce);
        Instant now = T.plus(Duration.ofDays(731));
        OutcomeWriter writer = new OutcomeWriter(TOPICS, DemoConfiguration.LOADED.partners(), consents, handoffs,
                new HubMetrics(new SimpleMeterRegistry()), Clock.fixed(now, ZoneOffset.UTC));
        StateRetentionRoute route = new StateRetentionRoute(handoffs, consents, POLICIES, writer, new HubLock(),
                Clock.fixed(now, ZoneOffset.UTC), 60_000);

        List<Outbound> tombstones = route.due(now);

        assertThat(tombstones).extracting(Outbound::topic, Outbound::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TOPICS.handoffs(), old.getHandoffId()),
                        org.assertj.core.groups.Tuple.tuple(TOPICS.consent(), withdrawn.consentId()));
        assertThat(tombstones).allSatisfy(t -> {
            assertThat(t.value()).isNull();
            assertThat(t.rawValue()).as("a tombstone: no value at all").isNull();
        });
        assertThat(handoffs.get(old.getHandoffId())).as("kept until the tombstone committed").isPresent();

        tombstones.forEach(t -> t.onCommitted().run());

        assertThat(handoffs.get(old.getHandoffId())).isEmpty();
        assertThat(handoffs.get(recent.getHandoffId())).isPresent();
        assertThat(handoffs.get(open.getHandoffId())).isPresent();
        assertThat(consents.get(withdrawn.consentId())).isEmpty();
        assertThat(consents.forSubject(withdrawn.subjectPseudonym())).containsExactly(inForce);
        assertThat(route.due(now)).as("nothing left to retire").isEmpty();
    }

    static HandoffRecord handoff(String policyId, HandoffStatus status, Instant since) {
        return HandoffRecord.newBuilder().setHandoffId(UUID.randomUUID().toString()).setCorrelationId("case-" + UUID.randomUUID())
                .setRequestMessageId("m1").setSenderPartnerId("socialteam-heerlen").setReceiverPartnerId("uwv-zuid-limburg")
                .setPolicyId(policyId).setPurpose("WORK_REINTEGRATION").setUrgency(Urgency.NORMAL)
                .setSubjectPseudonym("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .setStatus(status).setStatusSince(since)
                .setHistory(List.of(new HandoffTransition(status, since, "RECEIVER", "m2"))).build();
    }

    static Consent consent(Set<String> purposes, Instant validUntil, Instant withdrawnAt) {
        return new Consent(UUID.randomUUID().toString(), "socialteam-heerlen",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", purposes, Set.of(),
                Set.of(PartnerKind.UWV), Set.of(DataCategory.values()[0]), T.minus(Duration.ofDays(400)), validUntil, withdrawnAt);
    }
}
