package nl.iwa.hub.connectors.files;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/**
 * The result of a file for the partner who dropped it, written beside the file as {@code <name>.report.json}:
 * counts, and per rejected row its number and reason code. Never a value of a row.
 *
 * @param status      {@code PROCESSED}, {@code ALREADY_PROCESSED} (the same content came before: nothing new was
 *                    sent, the counts are those of the first time) or {@code REFUSED} (see {@code fileProblem})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileReport(String fileName, String fileHash, String status, int rowsRead, int accepted, int rejectedCount,
                         List<FileProgress.Rejection> rejected, RejectionReason fileProblem) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static FileReport of(String fileName, FileBatchIntake.Outcome outcome) {
        FileProgress p = outcome.progress();
        String status = outcome.repeated() ? "ALREADY_PROCESSED" : p.fileProblem() != null ? "REFUSED" : "PROCESSED";
        return new FileReport(fileName, p.fileHash(), status, p.rowsRead(), p.accepted(), p.rejected().size(), p.rejected(),
                p.fileProblem());
    }

    public String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
