package nl.iwa.hub.connectors.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.LifeDomain;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.common.CaseFacts;
import nl.iwa.hub.contract.inbox.ConsentWithdrawnNotice;
import nl.iwa.hub.contract.inbox.FileIntakeReport;
import nl.iwa.hub.contract.inbox.FileIntakeStatus;
import nl.iwa.hub.contract.inbox.FileRejectionReason;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.inbox.RejectedRow;
import nl.iwa.hub.contract.inbox.SignalDelivery;
import nl.iwa.hub.contract.inbox.StatusRelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InboxCloudEventsTest {

    private final InboxCloudEvents events = new InboxCloudEvents("99999999000000000999");

    @Test
    void aStatusRelayIsACloudEventOfTheProfileWithItsDataAsPlainJson() {
        InboxMessage relay = message(StatusRelay.newBuilder().setHandoffId("h-1").setStatus(HandoffStatus.RECEIVED)
                .setPreviousStatus(HandoffStatus.DELIVERED).setAccountable("team-noord").build());

        ObjectNode event = events.event(relay);

        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("id").asText()).isEqualTo("m-1");
        assertThat(event.get("source").asText()).isEqualTo("urn:nld:oin:99999999000000000999:systeem:iwa-hub");
        assertThat(event.get("type").asText()).isEqualTo("nl.iwa.hub.inbox.status-relay.v1");
        assertThat(event.get("subject").asText()).isEqualTo("case-1");
        assertThat(event.get("time").asText()).isEqualTo("2026-12-03T10:15:30Z");
        assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.at("/data/body/status").asText()).isEqualTo("RECEIVED");
        assertThat(event.at("/data/body/previousStatus").asText()).isEqualTo("DELIVERED");
        assertThat(event.at("/data/createdAt").asText()).isEqualTo("2026-12-03T10:15:30Z");
        assertThat(event.at("/data/messageId").asText()).isEqualTo("m-1");
    }

    @Test
    void personalDataStaysInDataNeverInTheContextAttributes() {
        Subject resident = Subject.newBuilder().setBsn("111222333").setGivenName("Jan").setFamilyName("Jansen").build();
        InboxMessage signal = message(SignalDelivery.newBuilder().setSignalType("RENT_ARREARS").setDomain(LifeDomain.HOUSING)
                .setSubject(resident).setFacts(CaseFacts.newBuilder().build()).build());

        ObjectNode event = events.event(signal);

        assertThat(event.at("/data/body/subject/bsn").asText()).isEqualTo("111222333");
        ObjectNode attributes = event.deepCopy();
        attributes.remove("data");
        assertThat(attributes.toString()).doesNotContain("111222333", "Jan", "Jansen");
    }

    @ParameterizedTest
    @CsvSource({"SignalDelivery,signal-delivery", "HandoffDelivery,handoff-delivery", "StatusRelay,status-relay",
            "Rejection,rejection", "Escalation,escalation", "ConsentWithdrawnNotice,consent-withdrawn-notice",
            "FileIntakeReport,file-intake-report"})
    void everyBodyKindHasItsReverseDnsType(String body, String kind) {
        assertThat(InboxCloudEvents.kebab(body)).isEqualTo(kind);
    }

    @Test
    void arraysAndTimestampsInsideTheBodyAreReadable() {
        InboxMessage notice = message(ConsentWithdrawnNotice.newBuilder().setConsentId("c-1")
                .setWithdrawnAt(Instant.parse("2026-12-01T08:00:00Z")).setDeliveredMessageIds(List.of("m-0"))
                .setCorrelationIds(List.of("case-0")).build());

        ObjectNode event = events.event(notice);

        assertThat(event.get("type").asText()).isEqualTo("nl.iwa.hub.inbox.consent-withdrawn-notice.v1");
        assertThat(event.at("/data/body/withdrawnAt").asText()).isEqualTo("2026-12-01T08:00:00Z");
        assertThat(event.at("/data/body/deliveredMessageIds/0").asText()).isEqualTo("m-0");
    }

    @Test
    void aFileReportIsAnEventOfItsOwnTypeWithRowsAndCodesInItsData() {
        InboxMessage report = message(FileIntakeReport.newBuilder().setFileHash("ab".repeat(32)).setStatus(FileIntakeStatus.PROCESSED)
                .setRowsRead(3).setAccepted(2).setRejectedCount(1)
                .setRejected(List.of(RejectedRow.newBuilder().setRow(3).setReasonCode(FileRejectionReason.INVALID_BSN).build())).build());

        ObjectNode event = events.event(report);

        assertThat(event.get("type").asText()).isEqualTo("nl.iwa.hub.inbox.file-intake-report.v1");
        assertThat(event.at("/data/body/fileHash").asText()).isEqualTo("ab".repeat(32));
        assertThat(event.at("/data/body/status").asText()).isEqualTo("PROCESSED");
        assertThat(event.at("/data/body/fileProblem").isNull()).isTrue();
        assertThat(event.at("/data/body/rejected/0/row").asInt()).isEqualTo(3);
        assertThat(event.at("/data/body/rejected/0/reasonCode").asText()).isEqualTo("INVALID_BSN");
    }

    @Test
    void theSourceNeedsTheHubsOin() {
        assertThatThrownBy(() -> new InboxCloudEvents("12345")).hasMessageContaining("hub-oin");
    }

    private static InboxMessage message(Object body) {
        return InboxMessage.newBuilder().setMessageId("m-1").setCorrelationId("case-1").setOriginPartnerId("socialteam-heerlen")
                .setReceiverPartnerId("gp-heerlen-centrum").setCreatedAt(Instant.parse("2026-12-03T10:15:30Z"))
                .setSchemaVersion(1).setBody(body).build();
    }
}
