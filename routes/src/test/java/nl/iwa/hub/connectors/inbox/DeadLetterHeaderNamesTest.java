package nl.iwa.hub.connectors.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import nl.iwa.hub.transport.DeadLetterHeaders;
import org.junit.jupiter.api.Test;

/**
 * A webhook's parking must read like the hub's own dead letters (the ops listing, the replay and the delivery
 * watch read these names). The connectors module names the strings itself because it cannot depend on routes;
 * this test, in the connector's package, holds its names to the hub's.
 */
class DeadLetterHeaderNamesTest {

    @Test
    void theWebhookParkingNamesTheHubsDeadLetterHeaders() {
        assertThat(DeadLetterParking.ERROR_CLASS_HEADER).isEqualTo(DeadLetterHeaders.ERROR_CLASS);
        assertThat(DeadLetterParking.REASON_CODE_HEADER).isEqualTo(DeadLetterHeaders.REASON_CODE);
        assertThat(DeadLetterParking.REASON_HEADER).isEqualTo(DeadLetterHeaders.REASON);
        assertThat(DeadLetterParking.SOURCE_TOPIC_HEADER).isEqualTo(DeadLetterHeaders.SOURCE_TOPIC);
        assertThat(DeadLetterParking.SOURCE_PARTITION_HEADER).isEqualTo(DeadLetterHeaders.SOURCE_PARTITION);
        assertThat(DeadLetterParking.SOURCE_OFFSET_HEADER).isEqualTo(DeadLetterHeaders.SOURCE_OFFSET);
        assertThat(DeadLetterParking.PARTNER_HEADER).isEqualTo(DeadLetterHeaders.CONNECTOR_PARTNER);
    }
}
