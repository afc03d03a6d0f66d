package nl.iwa.hub.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.iwa.hub.audit.AuditTrail;
import nl.iwa.hub.audit.TrailVerifier;
import nl.iwa.hub.audit.kafka.AuditTrailReader;
import nl.iwa.hub.privacy.ActionAudit;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.inbox.ConsentWithdrawnNotice;
import nl.iwa.hub.contract.inbox.Escalation;
import nl.iwa.hub.contract.inbox.EscalationLevel;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.inbox.Rejection;
import nl.iwa.hub.contract.inbox.StatusRelay;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testing.StandaloneHub;
import nl.iwa.hub.testing.TestClock;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testkit.TopicProbe;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.partner.InboxReader;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.partner.PartnerSerdes;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.transport.RunningTopology;
import nl.iwa.hub.web.HandoffQueryController;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Two hubs in one group deciding with the decide topology, on the real broker and
 * registry: the decide topic's partitions, and with them the residents and their state, are split between the two;
 * each resident's consent, flows, status updates and withdrawal, sent in different cases, are decided by the hub that
 * owns the resident, against its stores; a delivery is seen consumed by the hub that made it; each hub's clock escalates its own residents' overdue handoffs; when one hub leaves, the other takes its residents with their state. Every
 * message is decided once, and every chain of the audit trail has one writer and links up.
 */
class DecideTopologyIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String PURPOSE = "WORK_REINTEGRATION";
    private static final String SOCIAL = "socialteam-heerlen";
    private static final String UWV = "uwv-zuid-limburg";
    private static final String HOUSING = "housing-mijnstreek";
    private static final int RESIDENTS = 12;

    @Test
    void twoHubsShareTheResidentsAndDecideEachInOrderAgainstItsOwnState() {
        TestInfrastructure infra = TestInfrastructure.get();
        String prefix = "engine" + UUID.randomUUID().toString().substring(0, 8);
        StandaloneHub first = hub(prefix, "a");
        StandaloneHub second = hub(prefix, "b");
        try (PartnerClient social = new PartnerClient(SOCIAL, prefix, infra.partnerConnection(SOCIAL).properties(), infra.registryUrl());
             PartnerClient uwv = new PartnerClient(UWV, prefix, infra.partnerConnection(UWV).properties(), infra.registryUrl());
             PartnerClient housing = new PartnerClient(HOUSING, prefix, infra.partnerConnection(HOUSING).properties(), infra.registryUrl());
             TopicProbe<AuditRecord> audit = new TopicProbe<>(infra.adminConnection().properties(), prefix + ".hub.audit",
                     PartnerSerdes.deserializerOf(AuditRecord.class, infra.registryUrl()))) {
            // Given two hubs that share the decide topic's partitions
            await().atMost(WAIT).until(() -> {
                Set<TopicPartition> a = decide(first).activePartitions();
                Set<TopicPartition> b = decide(second).activePartitions();
                return !a.isEmpty() && !b.isEmpty() && a.size() + b.size() == 3 && java.util.Collections.disjoint(a, b);
            });

            // When each of twelve residents' consent is recorded, each in a case of its own
            List<Subject> residents = new ArrayList<>();
            List<String> consents = new ArrayList<>();
            List<OutboxMessage> grants = new ArrayList<>();
            for (int i = 0; i < RESIDENTS; i++) {
                residents.add(SyntheticResidents.next());
                consents.add(UUID.randomUUID().toString());
                grants.add(send(social, "hub", Bodies.grant(consents.get(i), residents.get(i), PURPOSE, UWV,
                        "IDENTITY", "CONTACT", "INCOME", "PARTICIPATION", "FREE_TEXT")));
            }
            awaitDecided(audit, grants, Decision.CONSENT_GRANTED);
            // and then a handoff to UWV for each, in another case
            List<OutboxMessage> requests = new ArrayList<>();
            for (Subject resident : residents) {
                requests.add(send(social, UWV, Bodies.workReintegration(resident)));
            }
            // Then each is delivered once, under its resident's consent, though the consent was decided in another case
            await().atMost(WAIT).until(() -> requests.stream().allMatch(r -> causedBy(uwv, r) == 1));
            Map<String, AuditRecord> delivered = awaitDecided(audit, requests, Decision.DELIVERED);
            for (int i = 0; i < RESIDENTS; i++) {
                assertThat(delivered.get(requests.get(i).getMessageId()).getConsentReference()).isEqualTo(consents.get(i));
            }

            // When UWV's system reads its inbox with its own group
            try (InboxReader uwvSystem = uwv.inboxReader("uwv-zuid-limburg-inbox")) {
                // Then the hub owning each resident sees that delivery consumed, and the sender hears it was delivered, once
                await().atMost(WAIT).until(() -> {
                    uwvSystem.pollAndCommit();
                    return requests.stream().allMatch(r -> relays(social, r, HandoffStatus.DELIVERED) == 1);
                });
            }

            // When UWV confirms receipt of each handoff, which names only the handoff
            for (OutboxMessage request : requests) {
                String handoffId = ((HandoffRequest) request.getBody()).getHandoffId();
                HandoffUpdate received = Bodies.update(handoffId, HandoffStatus.RECEIVED);
                received.setAccountable("team-werkfit-heerlen");
                send(uwv, SOCIAL, received);
            }
            // Then each update finds its handoff in the state of the hub that owns the resident, and the sender hears of it
            await().atMost(WAIT).until(() -> requests.stream().allMatch(r -> relays(social, r, HandoffStatus.RECEIVED) == 1));
            // And each hub's ops API and gauges show every handoff received, its own residents' and the other hub's
            for (StandaloneHub hub : List.of(first, second)) {
                HandoffQueryController ops = hub.bean(HandoffQueryController.class);
                await().atMost(WAIT).until(() -> requests.stream().allMatch(r -> statusSeenBy(ops, r) == HandoffStatus.RECEIVED));
                assertThat(ops.open(UWV, "RECEIVED", false, 500)).hasSize(RESIDENTS);
                io.micrometer.core.instrument.MeterRegistry meters = hub.bean(io.micrometer.core.instrument.MeterRegistry.class);
                await().atMost(WAIT).until(() -> meters.get("iwa.handoffs.open").tag("receiver", UWV).gauge().value() == RESIDENTS);
            }
            // and the hubs measured each delivery's latency, each the ones it decided
            assertThat(List.of(first, second).stream().mapToLong(hub -> hub.bean(io.micrometer.core.instrument.MeterRegistry.class)
                    .get("iwa.delivery.latency").timer().count()).sum()).isGreaterThanOrEqualTo(RESIDENTS);

            // When UWV's next step, accepting or declining, is overdue for each
            java.time.Instant due;
            try (TopicProbe<HandoffRecord> states = new TopicProbe<>(infra.adminConnection().properties(), prefix + ".hub.handoffs",
                    PartnerSerdes.deserializerOf(HandoffRecord.class, infra.registryUrl()))) {
                due = await().atMost(WAIT).until(() -> states.readToEnd().stream().map(ConsumerRecord::value)
                        .filter(h -> h.getStatus() == HandoffStatus.RECEIVED && h.getDueAt() != null).toList(), l -> l.size() == RESIDENTS)
                        .stream().map(HandoffRecord::getDueAt).max(java.util.Comparator.naturalOrder()).orElseThrow();
            }
            TestClock.INSTANCE.advanceTo(due.plusSeconds(1));
            // Then the clock of the hub that owns each resident reminds UWV, once: each handoff escalates on one hub only
            await().atMost(WAIT).until(() -> requests.stream().allMatch(r -> reminders(uwv, r) == 1));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> requests.stream().allMatch(r -> reminders(uwv, r) == 1));

            // When each resident withdraws, in yet another case, and a new handoff follows in a fourth
            List<OutboxMessage> withdrawals = new ArrayList<>();
            for (int i = 0; i < RESIDENTS; i++) {
                withdrawals.add(send(social, "hub", Bodies.withdraw(consents.get(i), residents.get(i))));
            }
            awaitDecided(audit, withdrawals, Decision.CONSENT_WITHDRAWN);
            List<OutboxMessage> afterWithdrawal = new ArrayList<>();
            for (Subject resident : residents) {
                afterWithdrawal.add(send(social, UWV, Bodies.workReintegration(resident)));
            }
            // Then UWV hears of each withdrawal (what it received under the consent), and each new handoff is refused
            await().atMost(WAIT).until(() -> consents.stream().allMatch(c -> uwv.inbox().values().stream()
                    .filter(m -> m.getBody() instanceof ConsentWithdrawnNotice n && c.equals(n.getConsentId())).count() == 1));
            await().atMost(WAIT).until(() -> afterWithdrawal.stream().allMatch(m -> rejected(social, m) == ReasonCode.NO_CONSENT));

            // When one hub leaves, and housing signals about every resident
            Set<TopicPartition> leaving = decide(second).activePartitions();
            second.close();
            await().atMost(WAIT).until(() -> decide(first).activePartitions().size() == 3);
            List<OutboxMessage> signals = new ArrayList<>();
            for (Subject resident : residents) {
                OutboxMessage m = housing.message(SOCIAL, "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(resident)).build();
                housing.send(m);
                signals.add(m);
            }
            // Then the other hub decides them all, also for the residents it took over with their partitions
            await().atMost(WAIT).until(() -> signals.stream().allMatch(m -> causedBy(social, m) == 1));
            assertThat(leaving).isNotEmpty();

            // When a privacy officer looks a resident up, audited by the hub while its decisions are written by the tasks
            String pseudonym = delivered.get(requests.get(0).getMessageId()).getSubjectPseudonym();
            first.bean(ActionAudit.class).lookedUp("privacy-officer-7", List.of(pseudonym), "subject access request 1");
            // Then the lookup joins that resident's chain, written by the task that owns it
            ConsumerRecord<String, AuditRecord> lookup = await().atMost(WAIT).until(() -> audit.readToEnd().stream()
                    .filter(r -> r.value().getDecision() == Decision.LOOKED_UP).findFirst(), java.util.Optional::isPresent).get();
            assertThat(lookup.value().getActor()).isEqualTo("privacy-officer-7");
            assertThat(lookup.value().getSubjectPseudonym()).isEqualTo(pseudonym);

            // And every message was decided once, on one chain per partition, each linked from its start
            List<ConsumerRecord<String, AuditRecord>> trail = audit.readToEnd();
            Set<Decision> decisions = Set.of(Decision.CONSENT_GRANTED, Decision.DELIVERED, Decision.STATUS_CHANGED,
                    Decision.CONSENT_WITHDRAWN, Decision.BLOCKED);
            Map<String, Long> perMessage = trail.stream()
                    .filter(r -> r.value().getMessageId() != null && decisions.contains(r.value().getDecision()))
                    .collect(Collectors.groupingBy(r -> r.value().getMessageId() + "/" + r.value().getDecision(), Collectors.counting()));
            assertThat(perMessage.values()).allMatch(n -> n == 1);
            assertThat(perMessage).hasSize(RESIDENTS * 6);
            Map<Integer, List<AuditRecord>> chains = trail.stream().collect(Collectors.groupingBy(ConsumerRecord::partition,
                    java.util.TreeMap::new, Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
            assertThat(chains.keySet()).hasSizeGreaterThan(1);
            chains.forEach((partition, chain) -> {
                String previous = AuditTrail.GENESIS;
                for (AuditRecord r : chain) {
                    assertThat(r.getPreviousHash()).as("link of %s on partition %d", r.getAuditId(), partition).isEqualTo(previous);
                    assertThat(AuditTrail.hashOf(r)).isEqualTo(r.getHash());
                    previous = r.getHash();
                }
            });
            // each resident's records are on one chain: the one of the partition its pseudonym hashes to
            Map<String, Set<Integer>> chainsPerResident = new java.util.HashMap<>();
            trail.stream().filter(r -> r.value().getSubjectPseudonym() != null).forEach(r -> chainsPerResident
                    .computeIfAbsent(r.value().getSubjectPseudonym(), k -> new HashSet<>()).add(r.partition()));
            assertThat(chainsPerResident).hasSize(RESIDENTS).allSatisfy((resident, partitions) -> assertThat(partitions).hasSize(1));

            // And each chain's head is sealed by its task: a hub that joins verifies the trail at start-up and finds it whole
            try (StandaloneHub third = hub(prefix, "c")) {
                TrailVerifier.Verification verified = third.bean(AuditTrailReader.class).verifyNow(java.time.Instant.now());
                assertThat(verified.problems()).isEmpty();
                assertThat(verified.intact()).isTrue();
                assertThat(verified.headSealed()).as(verified.toString()).isTrue();
                assertThat(verified.records()).isEqualTo(trail.size());
                // with numbered checkpoints over all chains, written by whichever hub runs partition 0's task
                assertThat(verified.checkpoints()).isPositive();
            }
        } finally {
            second.close();
            first.close();
        }
    }

    /**
     * A deployment that ran the classic engine (an earlier release) switches to the decide topology with its state: the
     * consent, the open handoff, who received what under the consent, and where each audit chain stands, all decided
     * by the classic engine, are taken over once, before anything new is decided. Without that, the new flow would be
     * refused (NO_CONSENT), the update too (UNKNOWN_HANDOFF), the withdrawal would tell nobody, and the trail would
     * break. The classic engine is gone, so {@link ClassicDeployment} writes what it left on the topics, as it wrote it.
     */
    @Test
    void aDeploymentOnTheClassicEngineSwitchesToTheDecideTopologyWithItsState() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        String prefix = "switch" + UUID.randomUUID().toString().substring(0, 8);
        Subject resident = SyntheticResidents.next();
        String consent = UUID.randomUUID().toString();
        // Given a deployment on the classic engine (it created the topics)
        ClassicDeployment classic = ClassicDeployment.provision(prefix);
        try (PartnerClient social = new PartnerClient(SOCIAL, prefix, infra.partnerConnection(SOCIAL).properties(), infra.registryUrl());
             PartnerClient uwv = new PartnerClient(UWV, prefix, infra.partnerConnection(UWV).properties(), infra.registryUrl());
             TopicProbe<AuditRecord> audit = new TopicProbe<>(infra.adminConnection().properties(), prefix + ".hub.audit",
                     PartnerSerdes.deserializerOf(AuditRecord.class, infra.registryUrl()))) {
            // that decided a resident's consent and a handoff under it
            OutboxMessage first;
            try (classic) {
                OutboxMessage grant = social.message("hub", PURPOSE, Bodies.grant(consent, resident, PURPOSE, UWV,
                        "IDENTITY", "CONTACT", "INCOME", "PARTICIPATION", "FREE_TEXT")).setCorrelationId(UUID.randomUUID().toString()).build();
                classic.decide(social.send(grant));
                first = social.message(UWV, PURPOSE, Bodies.workReintegration(resident)).setCorrelationId(UUID.randomUUID().toString()).build();
                classic.decide(social.send(first));
                awaitDecided(audit, List.of(grant), Decision.CONSENT_GRANTED);
                awaitDecided(audit, List.of(first), Decision.DELIVERED);
                // (a hub on the decide topology will not start while a hub on the classic engine still decides: the
                // state it goes on changing could not be taken over)
                try (var stillRunning = classic.stillRunning(social.outbox())) {
                    assertThat(stillRunning.assignment()).as("the classic hub's group has a member").isNotEmpty();
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> hub(prefix, "early").close())
                            .hasStackTraceContaining("still decide on the classic engine");
                }
            }
            // and a second handoff sent while no hub runs
            OutboxMessage second = send(social, UWV, Bodies.workReintegration(resident));

            // When the deployment starts on the decide topology
            try (StandaloneHub switched = hub(prefix, "a")) {
                ClassicStateImport.Imported imported = switched.bean(ClassicStateImport.Imported.class);
                assertThat(imported.consents()).isEqualTo(1);
                assertThat(imported.handoffs()).isEqualTo(1);
                assertThat(imported.auditFacts()).isPositive();
                // (a record too large for the hub's producer is refused and does not stop the intake: all below follows it)
                var tooLarge = social.sendRaw(new byte[2 * 1024 * 1024]);
                await().atMost(WAIT).until(() -> social.inbox().values().stream().anyMatch(m -> m.getBody() instanceof Rejection r
                        && r.getSourceOffset() == tooLarge.offset() && r.getSourcePartition() == tooLarge.partition()
                        && r.getReasonCode() == ReasonCode.UNDECODABLE));
                // Then the second handoff is delivered once, under the consent the classic engine recorded
                await().atMost(WAIT).until(() -> causedBy(uwv, second) == 1 || rejected(social, second) != null);
                assertThat(rejected(social, second)).as("refused: the consent was not taken over").isNull();
                assertThat(awaitDecided(audit, List.of(second), Decision.DELIVERED).get(second.getMessageId())
                        .getConsentReference()).isEqualTo(consent);
                // And UWV's receipt of the first finds the handoff the classic engine opened, and its sender hears of it
                HandoffUpdate received = Bodies.update(((HandoffRequest) first.getBody()).getHandoffId(), HandoffStatus.RECEIVED);
                received.setAccountable("team-werkfit-heerlen");
                OutboxMessage receipt = send(uwv, SOCIAL, received);
                await().atMost(WAIT).until(() -> relays(social, first, HandoffStatus.RECEIVED) == 1 || rejected(uwv, receipt) != null);
                assertThat(rejected(uwv, receipt)).as("refused: the handoff was not taken over").isNull();
                // And a withdrawal tells UWV, which received the first handoff under the consent from the classic engine
                awaitDecided(audit, List.of(send(social, "hub", Bodies.withdraw(consent, resident))), Decision.CONSENT_WITHDRAWN);
                await().atMost(WAIT).until(() -> uwv.inbox().values().stream()
                        .anyMatch(m -> m.getBody() instanceof ConsentWithdrawnNotice n && consent.equals(n.getConsentId())));
            }

            // And nothing the classic engine decided was decided again, and each chain goes on from where it stood
            List<ConsumerRecord<String, AuditRecord>> trail = audit.readToEnd();
            assertThat(trail.stream().filter(r -> r.value().getDecision() == Decision.DELIVERED
                    && first.getMessageId().equals(r.value().getMessageId()))).hasSize(1);
            assertThat(trail.stream().filter(r -> r.value().getDecision() == Decision.CONSENT_GRANTED)).hasSize(1);
            Map<Integer, List<AuditRecord>> chains = trail.stream().collect(Collectors.groupingBy(ConsumerRecord::partition,
                    java.util.TreeMap::new, Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
            chains.forEach((partition, chain) -> {
                String previous = AuditTrail.GENESIS;
                for (AuditRecord r : chain) {
                    assertThat(r.getPreviousHash()).as("link of %s on partition %d", r.getAuditId(), partition).isEqualTo(previous);
                    previous = r.getHash();
                }
            });
            // And the next start verifies that trail and takes nothing over again
            try (StandaloneHub again = hub(prefix, "b")) {
                assertThat(again.bean(ClassicStateImport.Imported.class)).isEqualTo(new ClassicStateImport.Imported(0, 0, 0, 0));
            }
        }
    }
    /**
     * A decide task's stores come back from their changelogs when its local files are gone (a new disk, a hub moved
     * to another machine): a consent decided before the state directory was deleted still covers a handoff after it.
     * Nothing but the restored consent store can let that handoff through; without it, it is refused (NO_CONSENT).
     */
    @Test
    void theDecideStoresAreRebuiltFromTheirChangelogsAfterTheLocalStateIsDeleted() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        String prefix = "rebuild" + UUID.randomUUID().toString().substring(0, 8);
        // Given a hub on the decide topology (it creates the topics) that records a resident's consent
        StandaloneHub before = hub(prefix, "a");
        try (before;
             PartnerClient social = new PartnerClient(SOCIAL, prefix, infra.partnerConnection(SOCIAL).properties(), infra.registryUrl());
             PartnerClient uwv = new PartnerClient(UWV, prefix, infra.partnerConnection(UWV).properties(), infra.registryUrl());
             TopicProbe<AuditRecord> audit = new TopicProbe<>(infra.adminConnection().properties(), prefix + ".hub.audit",
                     PartnerSerdes.deserializerOf(AuditRecord.class, infra.registryUrl()))) {
            Subject resident = SyntheticResidents.next();
            String consent = UUID.randomUUID().toString();
            java.nio.file.Path stateDir = before.bean(nl.iwa.hub.transport.StreamsSettings.class).stateDir();
            awaitDecided(audit, List.of(send(social, "hub", Bodies.grant(consent, resident, PURPOSE, UWV,
                    "IDENTITY", "CONTACT", "INCOME", "PARTICIPATION", "FREE_TEXT"))), Decision.CONSENT_GRANTED);
            before.close();
            java.nio.file.Path decideState = stateDir.resolve(prefix + "-hub-decide");
            assertThat(decideState).as("the stopped hub left the decide topology's RocksDB files").isDirectory();

            // When its local state is deleted and it starts again
            try (var files = java.nio.file.Files.walk(stateDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
            assertThat(stateDir).doesNotExist();
            try (StandaloneHub after = hub(prefix, "a")) {
                // Then a handoff for that resident, in another case, is delivered under the consent decided before
                OutboxMessage request = send(social, UWV, Bodies.workReintegration(resident));
                await().atMost(WAIT).until(() -> causedBy(uwv, request) == 1 || rejected(social, request) != null);
                assertThat(rejected(social, request)).as("refused: the consent store was not rebuilt").isNull();
                assertThat(awaitDecided(audit, List.of(request), Decision.DELIVERED).get(request.getMessageId())
                        .getConsentReference()).isEqualTo(consent);
                assertThat(after.bean(nl.iwa.hub.transport.StreamsSettings.class).stateDir()).isEqualTo(stateDir);
                assertThat(decideState).as("the stores were rebuilt on disk").isDirectory();
                // And its ops API, answering from disk (the hub keeps no copy of the state on its heap), knows the handoff
                HandoffQueryController ops = after.bean(HandoffQueryController.class);
                await().atMost(WAIT).until(() -> statusSeenBy(ops, request) != null);
            }
        }
    }

    /**
     * An operator accepts a trail that does not verify (IWA_AUDIT_ACCEPT_BROKEN_TRAIL_HEAD): the hub seals the acceptance
     * in an ACCEPTED checkpoint before it decides, so the next start verifies without the setting, the forgery still on
     * record. Without that checkpoint the next start would refuse as the first did. While another hub still decides,
     * the acceptance is refused (after AcceptanceCheckpoint.PATIENCE): its checkpoint must precede every decision.
     */
    @Test
    void anOperatorsAcceptanceOfABrokenTrailIsSealedSoTheNextStartNeedsNoSetting() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        String prefix = "accept" + UUID.randomUUID().toString().substring(0, 8);
        String auditTopic = prefix + ".hub.audit";
        ConsumerRecord<String, AuditRecord> granted;
        byte[] forged;
        long forgedAt;
        String[] head = new String[1];
        // Given a hub on the decide topology that decided a consent, and a record someone else wrote after it
        try (StandaloneHub hub = hub(prefix, "a");
             PartnerClient social = new PartnerClient(SOCIAL, prefix, infra.partnerConnection(SOCIAL).properties(), infra.registryUrl());
             TopicProbe<AuditRecord> audit = new TopicProbe<>(infra.adminConnection().properties(), auditTopic,
                     PartnerSerdes.deserializerOf(AuditRecord.class, infra.registryUrl()))) {
            OutboxMessage grant = send(social, "hub", Bodies.grant(UUID.randomUUID().toString(), SyntheticResidents.next(), PURPOSE, UWV, "IDENTITY"));
            granted = await().atMost(WAIT).until(() -> audit.readToEnd().stream()
                    .filter(r -> r.value().getMessageId().equals(grant.getMessageId())).findFirst(), java.util.Optional::isPresent).orElseThrow();
            forged = hub.bean(nl.iwa.hub.transport.AvroCodec.class).encode(auditTopic,
                    AuditRecord.newBuilder(granted.value()).setAuditId(UUID.randomUUID().toString()).build());
            try (var admin = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(infra.adminConnection().properties(),
                    new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
                forgedAt = admin.send(new org.apache.kafka.clients.producer.ProducerRecord<>(auditTopic, granted.partition(), null, forged))
                        .get().offset();
            }
            // a second hub refuses to start on the trail as it now is
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> hub(prefix, "b").close())
                    .satisfies(e -> head[0] = brokenTrail(e).head());
            // and while the first one still decides, an operator's acceptance is refused too: the checkpoint that seals
            // it has one writer, before anything is decided after it
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> hub(prefix, "b", "--iwa.audit.accept-broken-trail-head=" + head[0]).close())
                    .satisfies(e -> assertThat(org.springframework.core.NestedExceptionUtils.getMostSpecificCause(e))
                            .isInstanceOf(nl.iwa.hub.policy.InvalidConfigurationException.class)
                            .hasMessageContaining("1 hub(s) still decide"));
        }

        // When an operator accepts its heads, the hub starts and seals the acceptance
        try (StandaloneHub accepting = hub(prefix, "a", "--iwa.audit.accept-broken-trail-head=" + head[0]);
             PartnerClient social = new PartnerClient(SOCIAL, prefix, infra.partnerConnection(SOCIAL).properties(), infra.registryUrl());
             TopicProbe<AuditRecord> audit = new TopicProbe<>(infra.adminConnection().properties(), auditTopic,
                     PartnerSerdes.deserializerOf(AuditRecord.class, infra.registryUrl()))) {
            assertThat(accepting.bean(AuditTrailReader.class).verifyNow(java.time.Instant.now()).accepted()).hasSize(1);
            // and the chain with the accepted record goes on after it: decisions until one is audited on that chain
            for (int batch = 0; audit.readToEnd().stream().noneMatch(r -> r.partition() == granted.partition() && r.offset() > forgedAt); batch++) {
                assertThat(batch).as("batches of consents decided without one on chain " + granted.partition()).isLessThan(10);
                List<OutboxMessage> more = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    more.add(send(social, "hub", Bodies.grant(UUID.randomUUID().toString(), SyntheticResidents.next(), PURPOSE, UWV, "IDENTITY")));
                }
                awaitDecided(audit, more, Decision.CONSENT_GRANTED);
            }
        }

        // Then the next start, without the setting, verifies the trail up to the accepted problem
        try (StandaloneHub next = hub(prefix, "a")) {
            TrailVerifier.Verification v = next.bean(AuditTrailReader.class).verifyNow(java.time.Instant.now());
            assertThat(v.blocking()).isFalse();
            assertThat(v.intact()).as("the forgery stays on record").isFalse();
            assertThat(v.accepted()).hasSize(1);
        }
    }

    private static nl.iwa.hub.config.AuditConfiguration.AuditTrailBrokenException brokenTrail(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof nl.iwa.hub.config.AuditConfiguration.AuditTrailBrokenException broken) {
                return broken;
            }
        }
        throw new AssertionError("the hub did not refuse for a broken trail", e);
    }

    private static StandaloneHub hub(String prefix, String instance, String... more) {
        List<String> args = new ArrayList<>(List.of("--iwa.intake.update-wait=3s",
                "--iwa.audit.checkpoint-interval=1s", "--iwa.retention.check-period-ms=500",
                "--iwa.kafka.transactional-id=" + prefix + "-hub-" + instance));
        args.addAll(List.of(more));
        return StandaloneHub.start(prefix, args.toArray(String[]::new));
    }

    private static RunningTopology decide(StandaloneHub hub) {
        return hub.bean("decideStreams", RunningTopology.class);
    }

    private static OutboxMessage send(PartnerClient from, String to, Object body) {
        OutboxMessage m = from.message(to, PURPOSE, body).setCorrelationId(UUID.randomUUID().toString()).build();
        from.send(m);
        return m;
    }

    private static Map<String, AuditRecord> awaitDecided(TopicProbe<AuditRecord> audit, List<OutboxMessage> messages, Decision decision) {
        Set<String> ids = messages.stream().map(OutboxMessage::getMessageId).collect(Collectors.toSet());
        return await().atMost(WAIT).until(() -> audit.readToEnd().stream().map(ConsumerRecord::value)
                .filter(a -> a.getDecision() == decision && ids.contains(a.getMessageId()))
                .collect(Collectors.toMap(AuditRecord::getMessageId, a -> a, (a, b) -> a)), m -> m.size() == ids.size());
    }

    private static long causedBy(PartnerClient to, OutboxMessage m) {
        return to.inbox().values().stream().filter(i -> m.getMessageId().equals(i.getCausationId())).count();
    }

    /** The handoff's status as a hub's ops API gives it; null while it knows no such handoff. */
    private static HandoffStatus statusSeenBy(HandoffQueryController ops, OutboxMessage request) {
        try {
            return ops.one(((HandoffRequest) request.getBody()).getHandoffId()).handoff().status();
        } catch (org.springframework.web.server.ResponseStatusException notFound) {
            return null;
        }
    }

    private static long relays(PartnerClient to, OutboxMessage request, HandoffStatus status) {
        String handoffId = ((HandoffRequest) request.getBody()).getHandoffId();
        return to.inbox().values().stream().map(InboxMessage::getBody)
                .filter(b -> b instanceof StatusRelay r && r.getHandoffId().equals(handoffId) && r.getStatus() == status).count();
    }

    private static long reminders(PartnerClient to, OutboxMessage request) {
        String handoffId = ((HandoffRequest) request.getBody()).getHandoffId();
        return to.inbox().values().stream().map(InboxMessage::getBody)
                .filter(b -> b instanceof Escalation e && e.getHandoffId().equals(handoffId)
                        && e.getLevel() == EscalationLevel.REMINDER_TO_RECEIVER).count();
    }

    private static ReasonCode rejected(PartnerClient to, OutboxMessage m) {
        return to.inbox().values().stream().map(InboxMessage::getBody)
                .filter(b -> b instanceof Rejection r && m.getMessageId().equals(r.getRejectedMessageId()))
                .map(b -> ((Rejection) b).getReasonCode()).findFirst().orElse(null);
    }
}
