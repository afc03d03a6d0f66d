package nl.iwa.hub.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.iwa.hub.connectors.ConnectorPartner;
import nl.iwa.hub.connectors.ConnectorSettings;
import nl.iwa.hub.contract.common.LifeDomain;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.contract.outbox.Signal;
import org.junit.jupiter.api.Test;

class ArrearsSignalsTest {

    static final ConnectorPartner HOUSING = new ConnectorPartner("housing-mijnstreek", "HOUSING", "iwa.housing-mijnstreek.outbox",
            "iwa.housing-mijnstreek.inbox", null,
            new ConnectorSettings(null, null, new ConnectorSettings.Files(Path.of("in"), "socialteam-heerlen")));
    static final ArrearsRow ROW = new ArrearsRow("999990019", "A.B.", "van der Proefpersoon", LocalDate.of(1970, 5, 17),
            "Testlaan", "12a", "6411 AB", "Heerlen", 123_456L, LocalDate.of(2026, 9, 1));
    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void aRowBecomesTheRentArrearsSignalAHousingPartnerWouldSend() {
        OutboxMessage m = ArrearsSignals.signal(HOUSING, "ab".repeat(32), 7, ROW, NOW);

        assertThat(m.getSenderPartnerId()).isEqualTo("housing-mijnstreek");
        assertThat(m.getReceiverPartnerId()).isEqualTo("socialteam-heerlen");
        assertThat(m.getPurpose()).isEqualTo("EARLY_DEBT_SIGNALLING");
        Signal s = (Signal) m.getBody();
        assertThat(s.getSignalType()).isEqualTo("RENT_ARREARS");
        assertThat(s.getDomain()).isEqualTo(LifeDomain.HOUSING);
        assertThat(s.getSubject().getBsn()).isEqualTo("999990019");
        assertThat(s.getSubject().getFamilyName()).isEqualTo("van der Proefpersoon");
        assertThat(s.getFacts().getArrearsAmountCents()).isEqualTo(123_456L);
        assertThat(s.getFacts().getArrearsMonths()).isEqualTo(3);
        assertThat(m.getOccurredAt()).isEqualTo(Instant.parse("2026-08-31T22:00:00Z"));
    }

    @Test
    void messageIdsFollowFromTheFileAndTheRowAlone() {
        String hash = "ab".repeat(32);

        assertThat(ArrearsSignals.messageId(hash, 7)).isEqualTo(ArrearsSignals.messageId(hash, 7))
                .isNotEqualTo(ArrearsSignals.messageId(hash, 8))
                .isNotEqualTo(ArrearsSignals.messageId("cd".repeat(32), 7));
        assertThat(ArrearsSignals.signal(HOUSING, hash, 7, ROW, NOW).getMessageId())
                .isEqualTo(ArrearsSignals.signal(HOUSING, hash, 7, ROW, NOW.plusSeconds(3600)).getMessageId());
    }

    @Test
    void theReportNamesRowsAndCodesOnly() {
        FileProgress p = FileProgress.start("ab".repeat(32), "housing-mijnstreek")
                .after(3, 2, 1, List.of(new FileProgress.Rejection(3, RejectionReason.INVALID_BSN))).finished();

        String json = FileReport.of("lijst.csv", new FileBatchIntake.Outcome(p, false)).json();

        assertThat(json).contains("\"status\" : \"PROCESSED\"").contains("\"row\" : 3").contains("\"reasonCode\" : \"INVALID_BSN\"")
                .contains("\"accepted\" : 1").contains("\"rejectedCount\" : 1").doesNotContain("fileProblem");
        assertThat(FileReport.of("lijst.csv", new FileBatchIntake.Outcome(p, true)).status()).isEqualTo("ALREADY_PROCESSED");
    }
}
