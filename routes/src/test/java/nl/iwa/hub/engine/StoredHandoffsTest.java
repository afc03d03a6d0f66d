package nl.iwa.hub.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.LifeDomain;
import nl.iwa.hub.contract.common.Urgency;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.handoff.HandoffTransition;
import nl.iwa.hub.handoff.HandoffLookup.PlacedDelivery;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delivery watch's index of placed deliveries, on in-memory stores (the decide topology uses RocksDB ones). */
class StoredHandoffsTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    private final InMemoryStores stores = new InMemoryStores();
    private KeyValueStore<String, HandoffRecord> byId;
    private KeyValueStore<String, String> placed;
    private KeyValueStore<String, String> unplaced;
    private StoredHandoffs handoffs;

    @BeforeEach
    void openStores() {
        byId = stores.store("handoffs", InMemoryStores.avro(HandoffRecord.class));
        placed = stores.store("placed", Serdes.String());
        handoffs = new StoredHandoffs(byId, stores.store("by-request", Serdes.String()), stores.store("by-due", Serdes.String()),
                unplaced = stores.store("unplaced", Serdes.String()), placed);
    }

    @Test
    void theWatchPicksDeliveriesByTheirPlaceAndReadsOnlyThePickedHandoffs() {
        HandoffRecord toUwv = requested("uwv-zuid-limburg");
        HandoffRecord toHousing = requested("housing-mijnstreek");
        handoffs.put(toUwv);
        handoffs.put(toHousing);
        handoffs.place(toUwv.getHandoffId(), 2, 41);
        handoffs.place(toHousing.getHandoffId(), 0, 7);

        List<PlacedDelivery> asked = new ArrayList<>();
        List<HandoffRecord> consumed = handoffs.placedMatching(d -> {
            asked.add(d);
            return d.receiverPartnerId().equals("uwv-zuid-limburg") && d.offset() < 42;
        });

        assertThat(asked).containsExactlyInAnyOrder(new PlacedDelivery(toUwv.getHandoffId(), "uwv-zuid-limburg", 2, 41),
                new PlacedDelivery(toHousing.getHandoffId(), "housing-mijnstreek", 0, 7));
        assertThat(consumed).singleElement().satisfies(h -> {
            assertThat(h.getHandoffId()).isEqualTo(toUwv.getHandoffId());
            assertThat(h.getDeliveredPartition()).isEqualTo(2);
            assertThat(h.getDeliveredOffset()).isEqualTo(41);
        });
    }

    @Test
    void theIndexAloneAnswersForADeliveryNotPicked() {
        HandoffRecord waiting = requested("uwv-zuid-limburg");
        handoffs.put(waiting);
        handoffs.place(waiting.getHandoffId(), 1, 5);
        // were the handoff read, this would drop the index entry as gone
        byId.delete(waiting.getHandoffId());

        assertThat(handoffs.placedMatching(d -> false)).isEmpty();
        assertThat(placed.get(waiting.getHandoffId())).isEqualTo("uwv-zuid-limburg|1|5");
    }

    @Test
    void aHandoffThatMovesOnLeavesTheIndex() {
        HandoffRecord handoff = requested("uwv-zuid-limburg");
        handoffs.put(handoff);
        handoffs.place(handoff.getHandoffId(), 0, 3);
        assertThat(placed.get(handoff.getHandoffId())).isNotNull();

        HandoffRecord received = handoffs.get(handoff.getHandoffId()).orElseThrow();
        received.setStatus(HandoffStatus.RECEIVED);
        handoffs.put(received);

        assertThat(placed.get(handoff.getHandoffId())).isNull();
        assertThat(handoffs.placedMatching(d -> true)).isEmpty();
    }

    @Test
    void anEntryWrittenBeforeTheIndexHeldThePlaceIsAnsweredFromTheHandoff() {
        HandoffRecord handoff = requested("uwv-zuid-limburg");
        handoffs.put(handoff);
        handoffs.place(handoff.getHandoffId(), 0, 9);
        placed.put(handoff.getHandoffId(), ""); // as the index was written before

        assertThat(handoffs.placedMatching(d -> d.partition() == 0 && d.offset() == 9)).hasSize(1);
        assertThat(handoffs.placedMatching(d -> d.offset() == 10)).isEmpty();
    }

    @Test
    void anUnplacedDeliveryIsSoughtFromWhenItWasForwardedAlsoInTheFormerFormat() {
        HandoffRecord now = requested("uwv-zuid-limburg");
        HandoffRecord before = requested("housing-mijnstreek");
        handoffs.put(now);
        handoffs.put(before);
        handoffs.deliveredUnplaced(now.getHandoffId(), 1_700_000_000_123L);
        unplaced.put(before.getHandoffId(), "8812|1699999999000"); // <decide offset>|<millis>

        assertThat(handoffs.unplaced()).extracting(u -> u.handoff().getHandoffId(), StoredHandoffs.Unplaced::forwardedAt)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(now.getHandoffId(), 1_700_000_000_123L),
                        org.assertj.core.groups.Tuple.tuple(before.getHandoffId(), 1_699_999_999_000L));
        assertThat(unplaced.get(now.getHandoffId())).isEqualTo("1700000000123");
    }

    private static HandoffRecord requested(String receiver) {
        return HandoffRecord.newBuilder().setHandoffId(UUID.randomUUID().toString()).setCorrelationId(UUID.randomUUID().toString())
                .setRequestMessageId(UUID.randomUUID().toString()).setSenderPartnerId("socialteam-heerlen")
                .setReceiverPartnerId(receiver).setPolicyId("flow").setPurpose("WORK_REINTEGRATION").setUrgency(Urgency.NORMAL)
                .setSubjectPseudonym("pseudonym-1").setStatus(HandoffStatus.REQUESTED).setStatusSince(T0)
                .setHistory(List.of(new HandoffTransition(HandoffStatus.REQUESTED, T0, "SENDER", "m1")))
                .setDomain(LifeDomain.WORK).build();
    }
}
