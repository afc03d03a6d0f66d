package nl.iwa.hub.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import nl.iwa.hub.config.HubProperties;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.inbox.FileIntakeReport;
import nl.iwa.hub.contract.inbox.FileIntakeStatus;
import nl.iwa.hub.contract.inbox.FileRejectionReason;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.inbox.RejectedRow;
import nl.iwa.hub.transport.Outbound;
import org.junit.jupiter.api.Test;

class FileReportsTest {

    private static final String HASH = "ab".repeat(32);
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private final FileReports reports = new FileReports(nl.iwa.hub.topics.Topics.withPrefix("iwa"), Clock.fixed(NOW, ZoneOffset.UTC));

    private static FileIntakeReport report() {
        return FileIntakeReport.newBuilder().setFileHash(HASH).setStatus(FileIntakeStatus.PROCESSED).setRowsRead(3).setAccepted(2)
                .setRejectedCount(1).setRejected(List.of(RejectedRow.newBuilder().setRow(4).setReasonCode(FileRejectionReason.INVALID_BSN).build()))
                .build();
    }

    @Test
    void theProgressTheReportAndItsAuditGoTogetherAuditLast() {
        byte[] progress = "{\"status\":\"DONE\"}".getBytes(StandardCharsets.UTF_8);

        List<Outbound> out = reports.finish("housing-mijnstreek", "corr-1", report(), progress);

        assertThat(out).extracting(Outbound::kind)
                .containsExactly(Outbound.Kind.FILE_PROGRESS, Outbound.Kind.FILE_REPORT, Outbound.Kind.AUDIT);
        Outbound done = out.get(0);
        assertThat(done.topic()).isEqualTo("iwa.hub.files");
        assertThat(done.key()).isEqualTo(HASH);
        assertThat(done.rawValue()).isEqualTo(progress);

        Outbound inbox = out.get(1);
        assertThat(inbox.topic()).isEqualTo("iwa.housing-mijnstreek.inbox");
        assertThat(inbox.key()).isEqualTo("corr-1");
        InboxMessage message = (InboxMessage) inbox.value();
        assertThat(message.getOriginPartnerId()).isEqualTo("hub");
        assertThat(message.getReceiverPartnerId()).isEqualTo("housing-mijnstreek");
        assertThat(message.getCorrelationId()).isEqualTo("corr-1");
        assertThat(message.getCausationId()).isNull();
        assertThat(message.getBody()).isEqualTo(report());

        AuditRecord audit = (AuditRecord) out.get(2).value();
        assertThat(audit.getDecision()).isEqualTo(Decision.DELIVERED);
        assertThat(audit.getMessageType()).isEqualTo(FileReports.MESSAGE_TYPE);
        assertThat(audit.getSenderPartnerId()).isEqualTo("hub");
        assertThat(audit.getReceiverPartnerId()).isEqualTo("housing-mijnstreek");
        assertThat(audit.getCorrelationId()).isEqualTo("corr-1");
        assertThat(audit.getSubjectPseudonym()).isNull();
        assertThat(audit.getDetail()).contains(message.getMessageId(), HASH, "PROCESSED", "rows 3", "accepted 2", "rejected 1");
    }

    @Test
    void theReportOfAFileKeepsItsIdWhenWrittenAgainAndDiffersPerPartnerAndFile() {
        String first = ((InboxMessage) reports.finish("housing-mijnstreek", "c", report(), new byte[0]).get(1).value()).getMessageId();
        String again = ((InboxMessage) reports.finish("housing-mijnstreek", "c", report(), new byte[0]).get(1).value()).getMessageId();

        assertThat(again).isEqualTo(first).isEqualTo(FileReports.messageId("housing-mijnstreek", HASH));
        assertThat(FileReports.messageId("housing-other", HASH)).isNotEqualTo(first);
        assertThat(FileReports.messageId("housing-mijnstreek", "cd".repeat(32))).isNotEqualTo(first);
    }
}
