package nl.iwa.hub.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.iwa.hub.audit.kafka.AuditIndex;
import nl.iwa.hub.audit.AuditTrail;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.handoff.HandoffStore;
import nl.iwa.hub.observability.HubMetrics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What a failed transaction leaves behind in the hub's memory: nothing. Kafka's MockProducer stands in for the
 * broker (this is about the publisher's bookkeeping; the ITs prove the flows against a real broker).
 */
class TransactionalPublisherTest {

    private final HandoffStore store = new HandoffStore();
    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, new StringSerializer(), new ByteArraySerializer());
    // no registry listens here: encoding any record fails as an outage would
    private final AvroCodec codec = new AvroCodec("http://127.0.0.1:1/apis/registry/v3");
    private final TransactionalPublisher publisher = new TransactionalPublisher(nl.iwa.hub.transport.KafkaConnection.plaintext("unused:9092"), "test-tx", "test-group", codec,
            new nl.iwa.hub.audit.kafka.AuditChainParticipant(new nl.iwa.hub.audit.AuditChains(nl.iwa.hub.audit.TrailHeads.empty(1)), new AuditIndex(null, "audit", null),
                    new nl.iwa.hub.audit.AuditSealer(nl.iwa.hub.audit.AuditSigningKey.fromPemFile(nl.iwa.hub.testkit.pki.AuditKeyFile.ensure(java.nio.file.Path.of("target", "unit-audit-signing-key.pem"))),
                            "audit", "audit.seals", 10, java.time.Duration.ofHours(1), null), Clock.systemUTC()),
            new HubMetrics(new SimpleMeterRegistry())::deliveryLatency,
            Clock.systemUTC(), TransactionFence.none(), store::clearStaged).withProducerFactory(() -> producer);

    @Test
    void aDecisionThatFailsHalfWayLeavesNoStagedStateBehind() {
        HandoffRecord requested = handoff("h-1");
        store.stage(requested); // as the handoff desk does while deciding
        List<Outbound> decision = List.of(
                Outbound.avro(Outbound.Kind.STATUS_RELAY, "iwa.gp.inbox", "c-1", requested), // fails to encode
                Outbound.avro(Outbound.Kind.HANDOFF_STATE, "iwa.hub.handoffs", "h-1", requested));

        assertThatThrownBy(() -> publisher.inTransaction(tx -> tx.write(decision), Map.of())).isInstanceOf(RuntimeException.class);

        assertThat(store.get("h-1")).as("the handoff was never committed").isEmpty();
        assertThat(producer.transactionAborted()).isTrue();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aCommittedStateIsKeptAndNothingStaysStaged() {
        HandoffRecord requested = handoff("h-2");
        store.stage(requested);
        Outbound state = Outbound.deadLetter("iwa.hub.dlq", new byte[] {1}, Map.of())
                .whenCommitted(() -> store.put(requested));

        publisher.inTransaction(tx -> tx.write(List.of(state)), Map.of());

        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(store.get("h-2")).map(HandoffRecord::getStatus).contains(HandoffStatus.REQUESTED);
    }

    private static HandoffRecord handoff(String id) {
        Instant now = Instant.parse("2026-11-23T09:00:00Z");
        return HandoffRecord.newBuilder().setHandoffId(id).setCorrelationId("c-1").setRequestMessageId("m-1")
                .setSenderPartnerId("gp").setReceiverPartnerId("socialteam").setPolicyId("p").setPurpose("P")
                .setSubjectPseudonym("x").setStatus(HandoffStatus.REQUESTED).setStatusSince(now)
                .setHistory(List.of()).build();
    }
}
