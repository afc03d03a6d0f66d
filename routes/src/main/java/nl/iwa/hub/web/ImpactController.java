package nl.iwa.hub.web;

import java.util.List;
import java.util.Locale;
import nl.iwa.hub.impact.ImpactCells;
import nl.iwa.hub.impact.ImpactPublication;
import nl.iwa.hub.impact.ImpactReport;
import nl.iwa.hub.impact.Quarter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The steering group's question: what did the handoffs and signals lead to, per flow, kind of receiver, outcome,
 * life domain and quarter. Only k-anonymous figures leave the hub (see {@link ImpactPublication}): no count under k,
 * and none that can be recomputed from the totals shown. JSON by default; CSV with {@code Accept: text/csv} or
 * {@code ?format=csv}.
 */
@RestController
public class ImpactController {

    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final ImpactCells cells;
    private final ImpactPublication publication;

    public ImpactController(ImpactCells cells, ImpactPublication publication) {
        this.cells = cells;
        this.publication = publication;
    }

    @GetMapping("/api/impact")
    public ResponseEntity<?> impact(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                    @RequestParam(required = false) String format,
                                    @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Quarter first;
        Quarter last;
        try {
            first = quarter("from", from);
            last = quarter("to", to);
        } catch (IllegalArgumentException e) {
            return problem(e.getMessage());
        }
        if (first != null && last != null && first.compareTo(last) > 0) {
            return problem("from must not be after to");
        }
        boolean csv;
        if (format == null || format.isBlank()) {
            csv = accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
        } else if (format.equals("csv") || format.equals("json")) {
            csv = format.equals("csv");
        } else {
            return problem("format is json or csv");
        }
        ImpactReport report = publication.publish(cells.current(), first, last);
        if (csv) {
            return ResponseEntity.ok().contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"impact.csv\"")
                    .body(ImpactCsv.of(report));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }

    // the message names the parameter and the form, never the value given
    private static Quarter quarter(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Quarter.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is a quarter written like 2026-Q4");
        }
    }

    /** An RFC 9457 problem, as JSON whatever the Accept header asked for. */
    private static ResponseEntity<ProblemDetail> problem(String detail) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail));
    }

    /** The report as one CSV line per entry; totals on lines whose other columns say ALL and TOTAL. */
    static final class ImpactCsv {

        static final String HEADER = "table,flow,receiver_kind,domain,quarter,outcome,count,suppressed,median_hours_to_first_contact";
        private static final String ALL = "ALL";

        private ImpactCsv() {
        }

        static String of(ImpactReport report) {
            StringBuilder out = new StringBuilder(HEADER).append("\r\n");
            for (ImpactReport.Table t : List.of(report.handoffs(), report.signals())) {
                for (ImpactReport.Row r : t.rows()) {
                    for (ImpactReport.Entry e : r.cells()) {
                        line(out, t, r.flow(), r.receiverKind(), r.domain(), r.quarter(), e, null);
                    }
                    line(out, t, r.flow(), r.receiverKind(), r.domain(), r.quarter(), r.total(), r.medianHoursToFirstContact());
                }
                for (ImpactReport.Entry e : t.outcomeTotals()) {
                    line(out, t, ALL, ALL, ALL, ALL, e, null);
                }
                line(out, t, ALL, ALL, ALL, ALL, t.total(), t.medianHoursToFirstContact());
            }
            return out.toString();
        }

        private static void line(StringBuilder out, ImpactReport.Table t, String flow, String kind, String domain, String quarter,
                                 ImpactReport.Entry e, Integer median) {
            out.append(String.join(",", field(t.kind().name()), field(flow), field(kind), field(domain), field(quarter),
                    field(e.outcome()), e.suppressed() ? "" : Long.toString(e.count()), Boolean.toString(e.suppressed()),
                    median == null ? "" : Integer.toString(median))).append("\r\n");
        }

        // RFC 4180 quoting; a leading formula character is defused for spreadsheets (policy ids come from configuration)
        private static String field(String value) {
            String v = value == null ? "" : value;
            if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
                v = "'" + v;
            }
            return v.matches("[A-Za-z0-9_.' -]*") ? v : "\"" + v.replace("\"", "\"\"") + "\"";
        }
    }
}
