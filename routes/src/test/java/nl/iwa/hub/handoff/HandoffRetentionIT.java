package nl.iwa.hub.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.inbox.Rejection;
import nl.iwa.hub.contract.inbox.StatusRelay;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testing.Scenarios;
import nl.iwa.hub.testing.StandaloneHub;
import nl.iwa.hub.testing.TestClock;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testkit.TopicProbe;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.partner.PartnerClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A settled handoff leaves the working state once its policy's retention has passed, and is then unknown. The hub has
 * a clock of its own, moved two years on, so no other hub in the JVM sees its handoffs age; its retention runs every
 * half second. Read as ops read it (the overview) and from the topic, so the test holds whichever engine decides.
 */
class HandoffRetentionIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String PURPOSE = "WORK_REINTEGRATION";

    @Test
    void aSettledHandoffLeavesTheWorkingStateAfterItsRetentionAndIsThenUnknown() {
        String prefix = "retain" + UUID.randomUUID().toString().substring(0, 8);
        TestInfrastructure infra = TestInfrastructure.get();
        TestClock clock = TestClock.apart();
        try (PartnerClient social = new PartnerClient("socialteam-heerlen", prefix, infra.partnerConnection("socialteam-heerlen").properties(), infra.registryUrl());
             PartnerClient uwv = new PartnerClient("uwv-zuid-limburg", prefix, infra.partnerConnection("uwv-zuid-limburg").properties(), infra.registryUrl());
             StandaloneHub hub = StandaloneHub.start(clock, prefix, "--iwa.retention.check-period-ms=500")) {
            HandoffOverview overview = hub.bean(HandoffOverview.class);

            // Given a handoff the sender cancelled
            String id = Scenarios.workReintegrationHandoff(social, WAIT).getHandoffId();
            social.send(update(social, "uwv-zuid-limburg", id, HandoffStatus.CANCELLED, u -> u.setReasonCode("RESIDENT_MOVED")));
            await().atMost(WAIT).until(() -> uwv.inbox().values().stream().anyMatch(m -> m.getBody() instanceof StatusRelay r
                    && r.getHandoffId().equals(id) && r.getStatus() == HandoffStatus.CANCELLED));
            await().atMost(WAIT).ignoreException(HandoffOverview.NotReady.class).until(() -> overview.get(id)
                    .map(HandoffRecord::getStatus), Optional.of(HandoffStatus.CANCELLED)::equals);

            // a month on, well within its retention, it stays, however often retention runs
            clock.advance(Duration.ofDays(30));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> overview.get(id).isPresent());

            // When two years have passed
            clock.advance(Duration.ofDays(731));

            // Then it leaves the working state, and its state topic keeps a tombstone, so compaction deletes it
            await().atMost(WAIT).until(() -> overview.get(id).isEmpty());
            AtomicReference<ConsumerRecord<String, byte[]>> last = new AtomicReference<>();
            try (TopicProbe<byte[]> handoffs = new TopicProbe<>(infra.adminConnection().properties(), prefix + ".hub.handoffs",
                    new ByteArrayDeserializer())) {
                handoffs.readToEnd().stream().filter(r -> id.equals(r.key())).forEach(last::set);
            }
            assertThat(last.get()).as("the handoff's latest state on the compacted topic").isNotNull();
            assertThat(last.get().value()).as("a tombstone").isNull();

            // and an update that comes late is refused as about an unknown handoff
            OutboxMessage late = update(uwv, "socialteam-heerlen", id, HandoffStatus.RECEIVED, u -> u.setAccountable("team-b"));
            uwv.send(late);
            Rejection rejection = (Rejection) await().atMost(WAIT).until(() -> uwv.inbox().values().stream()
                    .filter(m -> m.getBody() instanceof Rejection r && late.getMessageId().equals(r.getRejectedMessageId()))
                    .findFirst(), Optional::isPresent).orElseThrow().getBody();
            assertThat(rejection.getReasonCode()).isEqualTo(ReasonCode.UNKNOWN_HANDOFF);
        }
    }

    private static OutboxMessage update(PartnerClient who, String counterpart, String handoffId, HandoffStatus status,
                                        java.util.function.Consumer<HandoffUpdate> details) {
        HandoffUpdate u = Bodies.update(handoffId, status);
        details.accept(u);
        return who.message(counterpart, PURPOSE, u).setCorrelationId(handoffId).build();
    }
}
