package nl.iwa.hub.audit;

import nl.iwa.hub.audit.kafka.AuditTrailReader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.iwa.hub.config.AuditConfiguration;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.testing.StandaloneHub;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.testkit.TopicProbe;
import nl.iwa.hub.testkit.partner.PartnerSerdes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Someone with broker rights (here: the operator's own admin certificate) appends a well-linked audit record
 * claiming the hub decided every outbox record up to a high offset, then deletes the trail's start. The hub
 * refuses to continue either trail until an operator accepts it, and a forged record never makes it skip one.
 */
class AuditTamperingIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aForgedOrTruncatedTrailStopsTheHubAndAForgedRecordMakesItSkipNothing() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        String prefix = "tamper" + UUID.randomUUID().toString().substring(0, 8);
        String auditTopic = prefix + ".hub.audit";
        List<byte[]> forged = new ArrayList<>();
        int[] chainPartition = {0};
        try (PartnerClient housing = new PartnerClient("housing-mijnstreek", prefix, infra.partnerConnection("housing-mijnstreek").properties(), infra.registryUrl())) {
            // Given a hub that delivered a signal and sealed its trail
            try (StandaloneHub hub = StandaloneHub.start(prefix)) {
                OutboxMessage first = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(SyntheticResidents.next())).build();
                housing.send(first);
                await().atMost(WAIT).until(() -> delivered(auditTopic, first));
                // the forgery: well linked, "deciding" every outbox partition up to offset 1,000,000, on the longest of
                // the trail's chains (one per partition of the audit topic), read from the topic as anyone with broker
                // rights can
                Map<Integer, List<AuditRecord>> chains = trail(auditTopic).stream().collect(java.util.stream.Collectors.groupingBy(
                        ConsumerRecord::partition, java.util.TreeMap::new, java.util.stream.Collectors.mapping(ConsumerRecord::value,
                                java.util.stream.Collectors.toList())));
                chainPartition[0] = chains.entrySet().stream().max(java.util.Comparator.comparingInt(e -> e.getValue().size()))
                        .orElseThrow().getKey();
                List<AuditRecord> longest = chains.get(chainPartition[0]);
                AuditRecord last = longest.get(longest.size() - 1);
                AuditTrail chain = new AuditTrail(new AuditTrail.Head(last.getHash(), longest.size()));
                for (int partition = 0; partition < 3; partition++) {
                    AuditRecord fake = AuditRecord.newBuilder(last)
                            .setAuditId(UUID.randomUUID().toString()).setSourceTopic(housing.outbox())
                            .setSourcePartition(partition).setSourceOffset(1_000_000).build();
                    chain.written(chain.seal(fake));
                    forged.add(hub.bean(AvroCodec.class).encode(auditTopic, fake));
                }
            }
            try (KafkaProducer<String, byte[]> admin = new KafkaProducer<>(infra.adminConnection().properties(),
                    new StringSerializer(), new ByteArraySerializer())) {
                for (byte[] record : forged) {
                    admin.send(new ProducerRecord<>(auditTopic, chainPartition[0], null, record)).get();
                }
            }

            // When the hub starts again, it refuses to continue a trail with records it did not write
            String[] head = new String[1];
            assertThatThrownBy(() -> StandaloneHub.start(prefix)).satisfies(e -> {
                AuditConfiguration.AuditTrailBrokenException broken = cause(e);
                assertThat(broken.problems()).containsExactly(chain(chainPartition[0]) + "3 records after the last signed head were not written by the hub");
                head[0] = broken.head();
            });

            // And once an operator accepts that head, it continues, and skips nothing the forgery claimed decided
            try (StandaloneHub hub = StandaloneHub.start(prefix, "--iwa.audit.accept-broken-trail-head=" + head[0])) {
                // the acceptance is sealed in a checkpoint before anything is decided: from the moment the hub has started,
                // the trail's problems no longer block, and no head seal covers the accepted records before that checkpoint
                TrailVerifier.Verification atStart = hub.bean(AuditTrailReader.class).verifyNow(java.time.Instant.now());
                assertThat(atStart.blocking()).isFalse();
                assertThat(atStart.intact()).as("the forgery stays on record").isFalse();
                assertThat(atStart.accepted()).singleElement().asString()
                        .contains("3 records after the last signed head were not written by the hub");

                OutboxMessage next = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(SyntheticResidents.next())).build();
                housing.send(next);
                await().atMost(WAIT).until(() -> delivered(auditTopic, next));

                TrailVerifier.Verification v = hub.bean(AuditTrailReader.class).verifyNow(java.time.Instant.now());
                assertThat(v.blocking()).isFalse();
                assertThat(v.intact()).as("the forgery stays on record").isFalse();
                assertThat(v.accepted()).singleElement().asString().contains("3 records after the last signed head were not written by the hub");
                assertThat(v.records()).isGreaterThanOrEqualTo(5);
            }

            // When the trail's start is deleted (the topic keeps records for ever)
            try (Admin admin = Admin.create(infra.adminConnection().properties())) {
                admin.deleteRecords(Map.of(new TopicPartition(auditTopic, chainPartition[0]), RecordsToDelete.beforeOffset(1))).all().get();
            }

            // Then the hub refuses that too
            assertThatThrownBy(() -> StandaloneHub.start(prefix)).satisfies(e -> assertThat(cause(e).problems())
                    .contains(chain(chainPartition[0]) + "the trail's start is missing (1 records) though the audit topic keeps records for ever: they were deleted"));
        }
    }

    /** How problems name a chain: the audit topic has a partition per chain (3 here, as the partner topics). */
    private static String chain(int partition) {
        return "partition " + partition + ": ";
    }

    private static boolean delivered(String auditTopic, OutboxMessage m) {
        return trail(auditTopic).stream().map(ConsumerRecord::value)
                .anyMatch(r -> m.getMessageId().equals(r.getMessageId()) && r.getDecision() == Decision.DELIVERED);
    }

    /** The audit topic's committed records, partition by partition in order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<ConsumerRecord<String, AuditRecord>> trail(String auditTopic) {
        TestInfrastructure infra = TestInfrastructure.get();
        try (TopicProbe<AuditRecord> audit = new TopicProbe<>(infra.adminConnection().properties(), auditTopic,
                (Deserializer) PartnerSerdes.deserializer(infra.registryUrl()))) {
            return audit.readToEnd();
        }
    }

    private static AuditConfiguration.AuditTrailBrokenException cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AuditConfiguration.AuditTrailBrokenException broken) {
                return broken;
            }
        }
        throw new AssertionError("the hub failed for another reason", e);
    }

}
