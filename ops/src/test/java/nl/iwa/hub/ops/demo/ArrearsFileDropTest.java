package nl.iwa.hub.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.iwa.hub.connectors.files.ArrearsCsvReader;
import nl.iwa.hub.testkit.residents.SyntheticBsn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrearsFileDropTest {

    @Test
    void theHubsOwnReaderAcceptsTheGoodRowsAndRejectsEachBadOneForItsReason() {
        String csv = ArrearsFileDrop.csv(LocalDate.now());
        ArrearsCsvReader reader = new ArrearsCsvReader(csv.getBytes(StandardCharsets.UTF_8), LocalDate.now());
        ArrearsCsvReader.Header header = reader.header();
        List<ArrearsCsvReader.Row> rows = new ArrayList<>();

        reader.rows(header, 0, rows::add);

        assertThat(header.usable()).isTrue();
        assertThat(header.separator()).isEqualTo(';');
        assertThat(rows).hasSize(ArrearsFileDrop.GOOD_ROWS + ArrearsFileDrop.BAD_ROWS.size());
        assertThat(rows.stream().filter(r -> r.verdict().accepted())).hasSize(ArrearsFileDrop.GOOD_ROWS);
        Map<String, Long> rejected = new TreeMap<>();
        rows.stream().filter(r -> !r.verdict().accepted()).forEach(r -> rejected.merge(r.verdict().reason().name(), 1L, Long::sum));
        assertThat(rejected).isEqualTo(ArrearsFileDrop.expectedRejections());
    }

    @Test
    void amountsAreWrittenAsDutchSpreadsheetsDo() {
        assertThat(ArrearsFileDrop.euros(123_456)).isEqualTo("1.234,56");
        assertThat(ArrearsFileDrop.euros(84_500)).isEqualTo("845,00");
        assertThat(ArrearsFileDrop.euros(100_000_005)).isEqualTo("1000.000,05");
    }

    @Test
    void aFileAppearsWholeUnderItsCsvNameAndItsReportReachesTheSummaryAsCodesAndCounts(@TempDir Path folder) throws Exception {
        Summary summary = new Summary(5);
        ArrearsFileDrop drop = new ArrearsFileDrop(Partners.HOUSING, folder, summary);
        summary.via(Partners.HOUSING, "kafka + files");

        Path file = drop.drop();
        assertThat(drop.awaitingReports()).isEqualTo(1);
        // the report as the hub writes it beside the file
        Files.writeString(folder.resolve(file.getFileName() + ".report.json"), """
                {"fileName":"%s","fileHash":"ab12","status":"PROCESSED","rowsRead":12,"accepted":9,"rejectedCount":3,
                 "rejected":[{"row":11,"reasonCode":"INVALID_BSN"},{"row":12,"reasonCode":"INVALID_POSTCODE"},{"row":13,"reasonCode":"MISSING_AMOUNT"}]}
                """.formatted(file.getFileName()));
        drop.readReports();

        assertThat(drop.awaitingReports()).isZero();
        assertThat(file.getFileName().toString()).endsWith(".csv");
        try (var listing = Files.list(folder)) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
        assertThat(summary.get(Partners.HOUSING, Summary.ROWS_ACCEPTED)).isEqualTo(9);
        assertThat(summary.get(Partners.HOUSING, Summary.SENT)).isEqualTo(9);
        assertThat(summary.surprises()).isZero();
        String table = summary.render(Partners.ALL, "60 s");
        assertThat(table).contains("files in: 1 dropped, 1 reported; rows 9 accepted, 3 rejected (INVALID_BSN: 1, INVALID_POSTCODE: 1, MISSING_AMOUNT: 1)");
        assertThat(table).contains("INVALID_BSN row 11").doesNotContain(SyntheticBsn.INVALID);
    }

    @Test
    void aReportOtherThanTheFileShouldGiveIsCalledOut(@TempDir Path folder) throws Exception {
        Summary summary = new Summary(5);
        ArrearsFileDrop drop = new ArrearsFileDrop(Partners.HOUSING, folder, summary);
        Path file = drop.drop();
        Files.writeString(folder.resolve(file.getFileName() + ".report.json"),
                "{\"status\":\"REFUSED\",\"accepted\":0,\"rejected\":[],\"fileProblem\":\"MISSING_COLUMNS\"}");

        drop.readReports();

        assertThat(summary.surprises()).isEqualTo(1);
    }
}
