package nl.iwa.hub.connectors.files;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.iwa.hub.testkit.residents.SyntheticBsn;
import nl.iwa.hub.testkit.residents.SyntheticResidents;

/**
 * A rent-arrears list as a housing corporation would export it: synthetic residents (BSNs 9999xxxxx passing the
 * 11-test, family names with a marker no real person has), ';'-separated, with a BOM, and one row in a hundred
 * bad in one of five ways: a BSN failing the 11-test, a postcode that is none, no amount, broken quoting, and a
 * row in Latin-1 rather than UTF-8.
 */
final class ArrearsFiles {

    static final String NAME_MARKER = "Proefhuurder";
    static final String HEADER = "burgerservicenummer;voorletters;voorvoegsel;achternaam;geboortedatum;straatnaam;huisnummer;"
            + "huisnummertoevoeging;postcode;plaatsnaam;bedrag_achterstand;datum_start_achterstand";

    final byte[] content;
    /** Expected rejections: row number (line of the file, header = 1) to reason code. */
    final Map<Integer, RejectionReason> bad = new TreeMap<>();
    final List<String> bsns = new ArrayList<>();

    ArrearsFiles(int rows, int seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes((HEADER + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < rows; i++) {
            int row = i + 2;
            String bsn = SyntheticBsn.of(seed + i);
            String postcode = "6411 " + (char) ('A' + i % 20) + (char) ('B' + i % 20);
            String amount = (100 + i % 3000) + "," + String.format("%02d", i % 100);
            String name = NAME_MARKER + (seed + i);
            String street = "\"Proefstraat; achter\"";
            int kind = i % 100 == 37 ? (i / 100) % 5 : -1;
            switch (kind) {
                case 0 -> {
                    bsn = bsn.substring(0, 8) + (char) ('0' + (bsn.charAt(8) - '0' + 1) % 10);
                    bad.put(row, RejectionReason.INVALID_BSN);
                }
                case 1 -> {
                    postcode = "64 11AB";
                    bad.put(row, RejectionReason.INVALID_POSTCODE);
                }
                case 2 -> {
                    amount = "";
                    bad.put(row, RejectionReason.MISSING_AMOUNT);
                }
                case 3 -> {
                    street = "\"Proefstraat; achter";
                    bad.put(row, RejectionReason.BROKEN_QUOTING);
                }
                case 4 -> {
                    name = "Müller" + name;
                    bad.put(row, RejectionReason.NOT_UTF8);
                }
                default -> { }
            }
            bsns.add(bsn);
            String line = String.join(";", bsn, "A.B.", i % 7 == 0 ? "van der" : "", name,
                    (1950 + i % 50) + "-0" + (1 + i % 9) + "-1" + (i % 9), street, Integer.toString(1 + i % 200),
                    i % 11 == 0 ? "a" : "", postcode, "Heerlen", "\"" + amount + "\"", "2025-0" + (1 + i % 6) + "-01") + "\r\n";
            out.writeBytes(line.getBytes(kind == 4 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        }
        content = out.toByteArray();
    }
}
