package nl.iwa.hub.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import nl.iwa.hub.connectors.rest.JsonToOutbox;
import nl.iwa.hub.connectors.rest.MessageKind;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.messages.OutboxMessages;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import org.junit.jupiter.api.Test;

/** The demo GP's JSON, read back with the hub's own REST reader: what it sends by REST is what it sent by Kafka. */
class RestJsonTest {

    private final JsonToOutbox hub = new JsonToOutbox(Clock.systemUTC());

    @Test
    void everyMessageTheGpSendsIsReadByTheHubAsTheSameOutboxMessage() throws Exception {
        String caseId = UUID.randomUUID().toString();
        String consentId = UUID.randomUUID().toString();
        var resident = SyntheticResidents.next();
        check(OutboxMessages.inCase(Partners.GP, Partners.HUB, "PSYCHOSOCIAL_SUPPORT", caseId,
                Scenario.PSYCHOSOCIAL.consentGrant(consentId, resident)), MessageKind.CONSENT_CHANGE, "consent-changes");
        check(OutboxMessages.inCase(Partners.GP, Partners.SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", caseId,
                Scenario.PSYCHOSOCIAL.body(resident)), MessageKind.HANDOFF_REQUEST, "handoff-requests");
        check(OutboxMessages.inCase(Partners.GP, Partners.HUB, "PSYCHOSOCIAL_SUPPORT", caseId,
                Bodies.withdraw(consentId, resident)), MessageKind.CONSENT_CHANGE, "consent-changes");
        check(OutboxMessages.inCase(Partners.GP, Partners.SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", caseId,
                Bodies.update(UUID.randomUUID().toString(), HandoffStatus.CANCELLED)), MessageKind.HANDOFF_UPDATE, "handoff-updates");
        check(OutboxMessages.inCase(Partners.HOUSING, Partners.SOCIAL_TEAM, "EARLY_DEBT_SIGNALLING", caseId,
                Scenario.RENT_ARREARS.body(resident)), MessageKind.SIGNAL, "signals");
    }

    private void check(OutboxMessage message, MessageKind kind, String path) throws java.io.IOException {
        // what a Kafka partner would have written: the contract's precision (times in milliseconds)
        OutboxMessage sent = OutboxMessage.fromByteBuffer(message.toByteBuffer());
        ObjectNode json = RestJson.of(message);

        // the sender is the token's to say, not the body's
        assertThat(json.has("senderPartnerId")).isFalse();
        assertThat(RestJson.path(sent)).isEqualTo(path).isEqualTo(kind.path().substring(1));
        OutboxMessage read = hub.toOutbox(kind, hub.parse(json.toString().getBytes(StandardCharsets.UTF_8)), sent.getSenderPartnerId());
        assertThat(read).isEqualTo(sent);
    }
}
