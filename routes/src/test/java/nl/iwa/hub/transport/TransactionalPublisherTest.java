package nl.iwa.hub.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.observability.HubMetrics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What a failed transaction leaves behind: nothing written, and none of its records' after-commit actions run. Kafka's
 * MockProducer stands in for the broker (this is about the publisher's bookkeeping; the ITs prove the flows against a
 * real broker).
 */
class TransactionalPublisherTest {

    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, new StringSerializer(), new ByteArraySerializer());
    // no registry listens here: encoding any record fails as an outage would
    private final AvroCodec codec = new AvroCodec("http://127.0.0.1:1/apis/registry/v3");
    private final TransactionalPublisher publisher = new TransactionalPublisher(KafkaConnection.plaintext("unused:9092"), "test-tx",
            "test-group", codec, out -> out, new HubMetrics(new SimpleMeterRegistry())::deliveryLatency,
            Clock.systemUTC(), TransactionFence.none()).withProducerFactory(() -> producer);
    private final List<String> committed = new ArrayList<>();

    @Test
    void aDecisionThatFailsHalfWayIsAbortedAndNoneOfItsActionsRun() {
        HandoffRecord requested = handoff("h-1");
        List<Outbound> decision = List.of(
                Outbound.deadLetter("iwa.hub.dlq", new byte[] {1}, Map.of()).whenCommitted(() -> committed.add("dead letter")),
                Outbound.avro(Outbound.Kind.STATUS_RELAY, "iwa.gp.inbox", "c-1", requested)); // fails to encode

        assertThatThrownBy(() -> publisher.inTransaction(tx -> tx.write(decision), Map.of())).isInstanceOf(RuntimeException.class);

        assertThat(committed).as("nothing of the transaction was committed").isEmpty();
        assertThat(producer.transactionAborted()).isTrue();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aCommittedRecordsActionRunsOnceItsTransactionCommitted() {
        Outbound state = Outbound.deadLetter("iwa.hub.dlq", new byte[] {1}, Map.of()).whenCommitted(() -> committed.add("dead letter"));

        publisher.inTransaction(tx -> tx.write(List.of(state)), Map.of());

        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(committed).containsExactly("dead letter");
    }

    @Test
    void theParticipantDecidesWhereARecordGoes() {
        TransactionalPublisher rerouting = new TransactionalPublisher(KafkaConnection.plaintext("unused:9092"), "test-tx", "test-group",
                codec, out -> Outbound.deadLetter("elsewhere", out.rawValue(), Map.of()), d -> { }, Clock.systemUTC(),
                TransactionFence.none()).withProducerFactory(() -> producer);

        rerouting.publish(List.of(Outbound.deadLetter("iwa.hub.dlq", new byte[] {1}, Map.of())));

        assertThat(producer.history()).singleElement().satisfies(r -> assertThat(r.topic()).isEqualTo("elsewhere"));
    }

    private static HandoffRecord handoff(String id) {
        Instant now = Instant.parse("2026-11-23T09:00:00Z");
        return HandoffRecord.newBuilder().setHandoffId(id).setCorrelationId("c-1").setRequestMessageId("m-1")
                .setSenderPartnerId("gp").setReceiverPartnerId("socialteam").setPolicyId("p").setPurpose("P")
                .setSubjectPseudonym("x").setStatus(HandoffStatus.REQUESTED).setStatusSince(now)
                .setHistory(List.of()).build();
    }
}
