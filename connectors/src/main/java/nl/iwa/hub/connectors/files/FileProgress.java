package nl.iwa.hub.connectors.files;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * How far the hub got with one file, as kept on the file intake topic under the file's hash: the last row done,
 * what was accepted and rejected up to there, and whether the file is finished. It holds row numbers and reason
 * codes only, never a value of a row, so it doubles as the file's report. Nor the file's name: a partner may name
 * a file after a resident, and the hash identifies it. (Records written before the name was dropped still read:
 * unknown fields are ignored.)
 *
 * @param rowsDone  the last row number (line of the file) whose outcome is committed
 * @param fileProblem a reason the whole file was refused, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileProgress(String fileHash, String partnerId, Status status, int rowsDone, int rowsRead,
                           int accepted, List<Rejection> rejected, RejectionReason fileProblem) {

    public enum Status { IN_PROGRESS, DONE }

    public record Rejection(int row, RejectionReason reasonCode) {
    }

    public static FileProgress start(String fileHash, String partnerId) {
        return new FileProgress(fileHash, partnerId, Status.IN_PROGRESS, 0, 0, 0, List.of(), null);
    }

    public boolean done() {
        return status == Status.DONE;
    }

    /** After a chunk whose last row is {@code lastRow}. */
    public FileProgress after(int lastRow, int read, int acceptedInChunk, List<Rejection> rejectedInChunk) {
        List<Rejection> all = new ArrayList<>(rejected);
        all.addAll(rejectedInChunk);
        return new FileProgress(fileHash, partnerId, status, lastRow, rowsRead + read, accepted + acceptedInChunk,
                List.copyOf(all), fileProblem);
    }

    public FileProgress finished() {
        return new FileProgress(fileHash, partnerId, Status.DONE, rowsDone, rowsRead, accepted, rejected, fileProblem);
    }

    public FileProgress refused(RejectionReason problem) {
        return new FileProgress(fileHash, partnerId, Status.DONE, rowsDone, rowsRead, accepted, rejected, problem);
    }
}
