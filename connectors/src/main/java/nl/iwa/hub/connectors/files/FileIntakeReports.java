package nl.iwa.hub.connectors.files;

import nl.iwa.hub.contract.inbox.FileIntakeReport;
import nl.iwa.hub.contract.inbox.FileIntakeStatus;
import nl.iwa.hub.contract.inbox.FileRejectionReason;
import nl.iwa.hub.contract.inbox.RejectedRow;

/**
 * A finished file's progress as the report the partner gets in its inbox ({@code FileIntakeReport} of the contract):
 * the hash, counts, and rejected rows by number and code. The file's name stays out (it may name a resident);
 * the report beside the file, in the partner's own folder, is where the name appears.
 */
public final class FileIntakeReports {

    private FileIntakeReports() {
    }

    public static FileIntakeReport of(FileProgress done) {
        if (!done.done()) {
            throw new IllegalArgumentException("a report is made of a finished file only");
        }
        return FileIntakeReport.newBuilder()
                .setFileHash(done.fileHash())
                .setStatus(done.fileProblem() == null ? FileIntakeStatus.PROCESSED : FileIntakeStatus.REFUSED)
                .setFileProblem(done.fileProblem() == null ? null : code(done.fileProblem()))
                .setRowsRead(done.rowsRead())
                .setAccepted(done.accepted())
                .setRejectedCount(done.rejected().size())
                .setRejected(done.rejected().stream()
                        .map(r -> RejectedRow.newBuilder().setRow(r.row()).setReasonCode(code(r.reasonCode())).build())
                        .toList())
                .build();
    }

    /** The contract's code of the same name ({@code FileIntakeReportsTest} keeps the two lists equal). */
    static FileRejectionReason code(RejectionReason reason) {
        return FileRejectionReason.valueOf(reason.name());
    }
}
