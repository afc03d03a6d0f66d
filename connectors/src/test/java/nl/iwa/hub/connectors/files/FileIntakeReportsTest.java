package nl.iwa.hub.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import nl.iwa.hub.contract.inbox.FileIntakeReport;
import nl.iwa.hub.contract.inbox.FileIntakeStatus;
import nl.iwa.hub.contract.inbox.FileRejectionReason;
import org.junit.jupiter.api.Test;

class FileIntakeReportsTest {

    private static final String HASH = "ab".repeat(32);

    @Test
    void aProcessedFileIsReportedByHashCountsAndRejectedRows() {
        FileProgress done = FileProgress.start(HASH, "housing-mijnstreek")
                .after(501, 500, 498, List.of(new FileProgress.Rejection(7, RejectionReason.INVALID_BSN),
                        new FileProgress.Rejection(40, RejectionReason.INVALID_POSTCODE)))
                .after(503, 2, 2, List.of())
                .finished();

        FileIntakeReport report = FileIntakeReports.of(done);

        assertThat(report.getFileHash()).isEqualTo(HASH);
        assertThat(report.getStatus()).isEqualTo(FileIntakeStatus.PROCESSED);
        assertThat(report.getFileProblem()).isNull();
        assertThat(report.getRowsRead()).isEqualTo(502);
        assertThat(report.getAccepted()).isEqualTo(500);
        assertThat(report.getRejectedCount()).isEqualTo(2);
        assertThat(report.getRejected()).extracting(r -> r.getRow() + ":" + r.getReasonCode())
                .containsExactly("7:INVALID_BSN", "40:INVALID_POSTCODE");
    }

    @Test
    void aRefusedFileSaysWhy() {
        FileIntakeReport report = FileIntakeReports.of(FileProgress.start(HASH, "housing-mijnstreek").refused(RejectionReason.MISSING_COLUMNS));

        assertThat(report.getStatus()).isEqualTo(FileIntakeStatus.REFUSED);
        assertThat(report.getFileProblem()).isEqualTo(FileRejectionReason.MISSING_COLUMNS);
        assertThat(report.getRowsRead()).isZero();
        assertThat(report.getRejected()).isEmpty();
    }

    @Test
    void aFileStillInProgressHasNoReportYet() {
        assertThatThrownBy(() -> FileIntakeReports.of(FileProgress.start(HASH, "housing-mijnstreek")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyReasonCodeOfTheIntakeIsACodeOfTheContract() {
        // a code added to the intake without the contract would fail at the first file that uses it
        for (RejectionReason reason : RejectionReason.values()) {
            assertThat(FileIntakeReports.code(reason).name()).isEqualTo(reason.name());
        }
        // and the contract has no code the intake lacks, but the placeholder for codes added later
        assertThat(Arrays.stream(FileRejectionReason.values()).map(Enum::name).filter(n -> !n.equals("OTHER")))
                .containsExactlyInAnyOrder(Arrays.stream(RejectionReason.values()).map(Enum::name).toArray(String[]::new));
    }
}
