package nl.iwa.hub.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrearsCsvReaderTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
    static final String HEADER = "burgerservicenummer;voorletters;voorvoegsel;achternaam;geboortedatum;straatnaam;huisnummer;"
            + "huisnummertoevoeging;postcode;plaatsnaam;bedrag_achterstand;datum_start_achterstand";

    static List<ArrearsCsvReader.Row> read(byte[] file, int after) {
        ArrearsCsvReader reader = new ArrearsCsvReader(file, TODAY);
        List<ArrearsCsvReader.Row> rows = new ArrayList<>();
        reader.rows(reader.header(), after, rows::add);
        return rows;
    }

    static List<String> outcomes(List<ArrearsCsvReader.Row> rows) {
        return rows.stream().map(r -> r.number() + ":" + (r.verdict().accepted() ? "OK" : r.verdict().reason())).toList();
    }

    @Test
    void semicolonsWithBomAndCrLfAndQuotedSeparators() {
        String csv = "\uFEFF" + HEADER + "\r\n"
                + "999990019;A.;;\"Jansen; van\";1970-05-17;Testlaan;1;;6411 AB;Heerlen;\"1.234,56\";2026-09-01\r\n"
                + "\r\n"
                + "999990018;A.;;Jansen;1970-05-17;Testlaan;1;;6411 AB;Heerlen;12,00;2026-09-01\r\n";

        List<ArrearsCsvReader.Row> rows = read(csv.getBytes(StandardCharsets.UTF_8), 0);

        assertThat(outcomes(rows)).containsExactly("2:OK", "4:INVALID_BSN");
        assertThat(rows.get(0).verdict().row().familyName()).isEqualTo("Jansen; van");
        assertThat(rows.get(0).verdict().row().amountCents()).isEqualTo(123_456L);
    }

    @Test
    void commasAreDetectedFromTheHeaderAndColumnsMayComeInAnyOrder() {
        String csv = "Bedrag_Achterstand,BSN,Postcode\n\"12,50\",999990019,6411AB\n";

        ArrearsCsvReader reader = new ArrearsCsvReader(csv.getBytes(StandardCharsets.UTF_8), TODAY);

        assertThat(reader.header().separator()).isEqualTo(',');
        assertThat(outcomes(read(csv.getBytes(StandardCharsets.UTF_8), 0))).containsExactly("2:OK");
    }

    @Test
    void brokenQuotingLatin1AndWrongFieldCountsCostOnlyTheirOwnRow() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        out.write("999990019;A.;;\"Jansen;1970-05-17;Testlaan;1;;6411 AB;Heerlen;12,00;2026-09-01\n".getBytes(StandardCharsets.UTF_8));
        out.write("999990019;A.;;\"Jan\"sen;1970-05-17;Testlaan;1;;6411 AB;Heerlen;12,00;2026-09-01\n".getBytes(StandardCharsets.UTF_8));
        out.write("999990019;A.;;Müller;1970-05-17;Testlaan;1;;6411 AB;Heerlen;12,00;2026-09-01\n".getBytes(StandardCharsets.ISO_8859_1));
        out.write("999990019;A.;;Müller;1970-05-17;Testlaan;1;;6411 AB;Heerlen;12,00;2026-09-01\n".getBytes(StandardCharsets.UTF_8));
        out.write("999990019;A.;Jansen;1970-05-17\n".getBytes(StandardCharsets.UTF_8));

        assertThat(outcomes(read(out.toByteArray(), 0)))
                .containsExactly("2:BROKEN_QUOTING", "3:BROKEN_QUOTING", "4:NOT_UTF8", "5:OK", "6:WRONG_COLUMN_COUNT");
    }

    @Test
    void rowsResumeAfterTheRowGiven() {
        String csv = HEADER + "\n" + ("999990019;A.;;Jansen;1970-05-17;Testlaan;1;;6411 AB;Heerlen;12,00;2026-09-01\n").repeat(5);

        assertThat(outcomes(read(csv.getBytes(StandardCharsets.UTF_8), 4))).containsExactly("5:OK", "6:OK");
    }

    @Test
    void aFileWithoutAmountOrIdentityColumnsIsRefusedAsAWhole() {
        assertThat(new ArrearsCsvReader("bsn;postcode\n999990019;6411 AB\n".getBytes(StandardCharsets.UTF_8), TODAY)
                .header().fileProblem()).isEqualTo(RejectionReason.MISSING_COLUMNS);
        assertThat(new ArrearsCsvReader("achternaam;bedrag_achterstand\nJansen;12\n".getBytes(StandardCharsets.UTF_8), TODAY)
                .header().fileProblem()).isEqualTo(RejectionReason.MISSING_COLUMNS);
        assertThat(new ArrearsCsvReader(new byte[0], TODAY).header().fileProblem()).isEqualTo(RejectionReason.EMPTY_FILE);
    }

    @Test
    void aWholeLatin1FileLosesExactlyItsRowsWithNonAsciiCharacters() {
        String csv = HEADER + "\n"
                + "999990019;A.;;Jansen;1970-05-17;Testlaan;1;;6411 AB;Heerlen;12,00;2026-09-01\n"
                + "999990019;A.;;Müller;1970-05-17;Testlaan;1;;6411 AB;Heerlen;12,00;2026-09-01\n"
                + "999990019;A.;;Janssen;1970-05-17;Kerkstraße;1;;6411 AB;Heerlen;12,00;2026-09-01\n";

        assertThat(outcomes(read(csv.getBytes(StandardCharsets.ISO_8859_1), 0))).containsExactly("2:OK", "3:NOT_UTF8", "4:NOT_UTF8");
    }
}
