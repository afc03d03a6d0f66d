package nl.iwa.hub.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.testkit.residents.SyntheticBsn;
import nl.iwa.hub.testkit.residents.SyntheticResidents;

/**
 * The housing corporation's accounting system exporting its rent-arrears list: every minute a CSV file, separated
 * by {@code ;} as a Dutch spreadsheet saves it, in the drop folder the hub watches (docs/connectors.md, "File batch
 * intake"). Most rows are good synthetic residents; a few are deliberately wrong (a BSN failing the 11-test, a
 * malformed postcode, no amount), so that the report the hub writes beside the file has something to say. The
 * report is read back and compared with what the file should give.
 */
public final class ArrearsFileDrop implements AutoCloseable {

    static final String HEADER = "burgerservicenummer;voorletters;voorvoegsel;achternaam;geboortedatum;straatnaam;huisnummer;"
            + "huisnummertoevoeging;postcode;plaatsnaam;bedrag_achterstand;datum_start_achterstand";
    static final int GOOD_ROWS = 9;
    /** The bad rows of every file, by the reason the hub must give; rows 2.. of the file are good first, then these. */
    static final List<String> BAD_ROWS = List.of("INVALID_BSN", "INVALID_POSTCODE", "MISSING_AMOUNT");
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final DateTimeFormatter DUTCH_DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String partner;
    private final Path folder;
    private final Summary summary;
    /** Files dropped whose report has not been read yet. */
    private final Map<String, Boolean> awaitingReport = new ConcurrentHashMap<>();
    private volatile java.util.concurrent.ScheduledFuture<?> dropping;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "arrears-file-drop");
        t.setDaemon(true);
        return t;
    });

    public ArrearsFileDrop(String partner, Path folder, Summary summary) {
        this.partner = partner;
        this.folder = folder;
        this.summary = summary;
    }

    public Path folder() {
        return folder;
    }

    /** Drops a file now and then every {@code everySeconds}; looks for reports every two seconds. */
    public void start(long everySeconds) {
        dropping = scheduler.scheduleAtFixedRate(this::dropQuietly, 0, everySeconds, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(this::readReports, 2, 2, TimeUnit.SECONDS);
    }

    /** No more files; the reports of those dropped are still read (a planned end waits for them). */
    public void stopDropping() {
        if (dropping != null) {
            dropping.cancel(false);
        }
    }

    /** How many dropped files have no report yet. */
    public int awaitingReports() {
        return awaitingReport.size();
    }

    private void dropQuietly() {
        try {
            drop();
        } catch (RuntimeException e) {
            summary.note(partner + ": could not write its CSV file (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Writes the next file under a temporary name and renames it, as an SFTP client would, so the hub never sees half a file. */
    Path drop() {
        String name = "huurachterstanden-" + LocalDateTime.now().format(FILE_STAMP) + ".csv";
        try {
            Files.createDirectories(folder);
            Path part = folder.resolve(name + ".part");
            Files.writeString(part, csv(LocalDate.now()), StandardCharsets.UTF_8);
            Path file = Files.move(part, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            awaitingReport.put(name, Boolean.TRUE);
            summary.fileDropped(partner, name);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file's content: the header, {@link #GOOD_ROWS} good rows, then one row for each of {@link #BAD_ROWS}. */
    static String csv(LocalDate today) {
        StringBuilder sb = new StringBuilder(HEADER).append("\r\n"); // a spreadsheet export's line ends
        for (int i = 0; i < GOOD_ROWS; i++) {
            sb.append(row(SyntheticResidents.next(), today, null)).append("\r\n");
        }
        for (String bad : BAD_ROWS) {
            sb.append(row(SyntheticResidents.next(), today, bad)).append("\r\n");
        }
        return sb.toString();
    }

    private static String row(Subject r, LocalDate today, String fault) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String bsn = "INVALID_BSN".equals(fault) ? SyntheticBsn.INVALID : r.getBsn();
        String postcode = "INVALID_POSTCODE".equals(fault) ? "641 AB" : r.getPostcode().replace(" ", random.nextBoolean() ? " " : "");
        String amount = "MISSING_AMOUNT".equals(fault) ? "" : euros(25_000 + random.nextInt(400_000));
        LocalDate since = today.minusMonths(2 + random.nextInt(5)).withDayOfMonth(1);
        String initials = r.getGivenName().charAt(0) + ".";
        String prefix = random.nextInt(4) == 0 ? "van" : "";
        String addition = random.nextInt(5) == 0 ? "A" : "";
        return String.join(";", bsn, initials, prefix, r.getFamilyName(), r.getBirthDate().format(DUTCH_DATE), r.getStreet(),
                r.getHouseNumber(), addition, postcode, r.getCity(), quoted(amount),
                random.nextBoolean() ? since.toString() : since.format(DUTCH_DATE));
    }

    /** 1234,56 as Dutch exports write it: {@code 1.234,56}, quoted when it has a thousands dot. */
    static String euros(int cents) {
        int whole = cents / 100;
        String w = whole >= 1000 ? (whole / 1000) + "." + String.format("%03d", whole % 1000) : Integer.toString(whole);
        return w + "," + String.format("%02d", cents % 100);
    }

    private static String quoted(String field) {
        return field.contains(".") ? "\"" + field + "\"" : field;
    }

    /** Reads the reports that have appeared beside the dropped files; counts and codes only reach the summary. */
    void readReports() {
        for (String name : List.copyOf(awaitingReport.keySet())) {
            Path report = folder.resolve(name + ".report.json");
            if (!Files.isRegularFile(report)) {
                continue;
            }
            try {
                JsonNode r = JSON.readTree(report.toFile());
                Map<String, Long> rejected = new TreeMap<>();
                List<String> rows = new ArrayList<>();
                for (JsonNode rejection : r.path("rejected")) {
                    rejected.merge(rejection.path("reasonCode").asText(), 1L, Long::sum);
                    rows.add(rejection.path("reasonCode").asText() + " row " + rejection.path("row").asInt());
                }
                boolean asExpected = "PROCESSED".equals(r.path("status").asText()) && r.path("accepted").asInt() == GOOD_ROWS
                        && rejected.equals(expectedRejections());
                summary.fileReported(partner, name, r.path("status").asText(), r.path("accepted").asInt(), rejected, rows,
                        report.toString(), asExpected);
                awaitingReport.remove(name);
            } catch (IOException e) {
                // written but not complete yet: read again at the next look
            }
        }
    }

    static Map<String, Long> expectedRejections() {
        Map<String, Long> expected = new TreeMap<>();
        BAD_ROWS.forEach(code -> expected.merge(code, 1L, Long::sum));
        return expected;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
