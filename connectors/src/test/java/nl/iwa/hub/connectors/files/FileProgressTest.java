package nl.iwa.hub.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FileProgressTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theProgressRecordHoldsNoFileNameAndOneWrittenWithANameStillReads() throws Exception {
        FileProgress done = FileProgress.start("ab".repeat(32), "housing-mijnstreek").after(3, 2, 2, java.util.List.of()).finished();
        assertThat(JSON.writeValueAsString(done)).doesNotContain("fileName");

        // as the intake wrote it before the name was dropped
        String old = "{\"fileHash\":\"" + "ab".repeat(32) + "\",\"partnerId\":\"housing-mijnstreek\",\"fileName\":\"achterstand-jansen.csv\","
                + "\"status\":\"IN_PROGRESS\",\"rowsDone\":501,\"rowsRead\":500,\"accepted\":499,"
                + "\"rejected\":[{\"row\":9,\"reasonCode\":\"INVALID_BSN\"}],\"fileProblem\":null}";
        FileProgress read = JSON.readValue(old, FileProgress.class);

        assertThat(read.rowsDone()).isEqualTo(501);
        assertThat(read.accepted()).isEqualTo(499);
        assertThat(read.rejected()).containsExactly(new FileProgress.Rejection(9, RejectionReason.INVALID_BSN));
    }
}
