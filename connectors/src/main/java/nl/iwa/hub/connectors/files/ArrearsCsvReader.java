package nl.iwa.hub.connectors.files;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a batch file row by row: UTF-8 with or without a byte order mark, fields separated by {@code ;} or
 * {@code ,} (whichever the header line uses), quoted the RFC 4180 way (Apache Commons CSV parses each line).
 *
 * <p>One line is one row: a quoted field may not span lines. That is what keeps one broken quote from swallowing
 * the rest of the file, and what lets each row be decoded on its own: a line that is not valid UTF-8 (a Latin-1
 * "ü" of an export in the wrong encoding) is rejected as {@link RejectionReason#NOT_UTF8} while its neighbours
 * stand. Row numbers are line numbers of the file (the header is row 1), as a spreadsheet shows them. Blank lines
 * are skipped.
 */
public final class ArrearsCsvReader {

    /** A row's number and its verdict. */
    public record Row(int number, RowCheck.Verdict verdict) {
    }

    /** The header of a file, or why the file cannot be read at all. */
    public record Header(char separator, Map<ArrearsColumn, Integer> columns, int fieldCount, RejectionReason fileProblem) {
        public boolean usable() {
            return fileProblem == null;
        }
    }

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final byte[] content;
    private final LocalDate today;

    public ArrearsCsvReader(byte[] content, LocalDate today) {
        this.content = content;
        this.today = today;
    }

    /** Reads the header line: the separator, where each known column is, and whether the required ones are there. */
    public Header header() {
        List<int[]> lines = lines(1);
        if (lines.isEmpty()) {
            return new Header(',', Map.of(), 0, RejectionReason.EMPTY_FILE);
        }
        Optional<String> text = utf8(lines.get(0));
        if (text.isEmpty()) {
            return new Header(',', Map.of(), 0, RejectionReason.MISSING_COLUMNS);
        }
        String line = text.get();
        char separator = count(line, ';') > count(line, ',') ? ';' : ',';
        List<String> names;
        try {
            names = fields(line, separator);
        } catch (IllegalArgumentException e) {
            return new Header(separator, Map.of(), 0, RejectionReason.MISSING_COLUMNS);
        }
        Map<ArrearsColumn, Integer> columns = new EnumMap<>(ArrearsColumn.class);
        for (int i = 0; i < names.size(); i++) {
            int index = i;
            ArrearsColumn.of(names.get(i)).ifPresent(c -> columns.putIfAbsent(c, index));
        }
        // the amount is the signal; without a way to identify the resident no row could ever pass
        boolean identifiable = columns.containsKey(ArrearsColumn.BSN) || (columns.containsKey(ArrearsColumn.FAMILY_NAME)
                && columns.containsKey(ArrearsColumn.BIRTH_DATE) && columns.containsKey(ArrearsColumn.POSTCODE));
        if (!columns.containsKey(ArrearsColumn.AMOUNT) || !identifiable) {
            return new Header(separator, columns, names.size(), RejectionReason.MISSING_COLUMNS);
        }
        return new Header(separator, columns, names.size(), null);
    }

    /** Hands each data row after row {@code after} (0: all of them) to {@code sink}, in order. */
    public void rows(Header header, int after, Consumer<Row> sink) {
        if (!header.usable()) {
            return;
        }
        int number = 0;
        for (int[] line : lines(Integer.MAX_VALUE)) {
            number++;
            if (number == 1 || number <= after || line[1] == line[0]) {
                continue;
            }
            sink.accept(new Row(number, verdict(header, line)));
        }
    }

    private RowCheck.Verdict verdict(Header header, int[] line) {
        Optional<String> text = utf8(line);
        if (text.isEmpty()) {
            return new RowCheck.Verdict(null, RejectionReason.NOT_UTF8);
        }
        if (text.get().isBlank()) {
            return new RowCheck.Verdict(null, RejectionReason.WRONG_COLUMN_COUNT);
        }
        List<String> fields;
        try {
            fields = fields(text.get(), header.separator());
        } catch (IllegalArgumentException e) {
            return new RowCheck.Verdict(null, RejectionReason.BROKEN_QUOTING);
        }
        if (fields.size() != header.fieldCount()) {
            return new RowCheck.Verdict(null, RejectionReason.WRONG_COLUMN_COUNT);
        }
        Map<ArrearsColumn, String> values = new EnumMap<>(ArrearsColumn.class);
        header.columns().forEach((column, index) -> values.put(column, fields.get(index)));
        return RowCheck.check(values, today);
    }

    /** The fields of one line; IllegalArgumentException on broken quoting (never with the line's text). */
    private static List<String> fields(String line, char separator) {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(separator).setTrim(false).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(line), format)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new IllegalArgumentException("not one record");
            }
            List<String> fields = new ArrayList<>();
            records.get(0).forEach(fields::add);
            return fields;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // Commons CSV puts the offending content in its message: do not pass it on
            throw new IllegalArgumentException("broken quoting");
        }
    }

    /** Start (inclusive) and end (exclusive) byte offsets of at most {@code max} lines, without BOM and line ends. */
    private List<int[]> lines(int max) {
        List<int[]> lines = new ArrayList<>();
        int start = startsWithBom() ? BOM.length : 0;
        int i = start;
        while (i < content.length && lines.size() < max) {
            if (content[i] == '\n') {
                int end = i > start && content[i - 1] == '\r' ? i - 1 : i;
                lines.add(new int[] {start, end});
                start = i + 1;
            }
            i++;
        }
        if (start < content.length && lines.size() < max) {
            int end = content[content.length - 1] == '\r' ? content.length - 1 : content.length;
            lines.add(new int[] {start, end});
        }
        return lines;
    }

    private boolean startsWithBom() {
        return content.length >= 3 && content[0] == BOM[0] && content[1] == BOM[1] && content[2] == BOM[2];
    }

    /** Strict UTF-8: malformed or unmappable bytes make the line unreadable rather than turning into U+FFFD. */
    private Optional<String> utf8(int[] line) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, line[0], line[1] - line[0])).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static long count(String s, char c) {
        return s.chars().filter(ch -> ch == c).count();
    }
}
