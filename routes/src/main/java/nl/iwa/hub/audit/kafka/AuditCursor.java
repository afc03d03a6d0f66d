package nl.iwa.hub.audit.kafka;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where an audit search continues: per chain (partition of the audit topic) the offset of the last record shown.
 * Its text, {@code <partition>-<offset>} joined by {@code .} (e.g. {@code 0-41.2-17}), is safe in a URL and holds
 * positions only, never anything about a resident.
 */
public record AuditCursor(Map<Integer, Long> lastShown) {

    private static final Pattern TEXT = Pattern.compile("\\d{1,4}-\\d{1,18}(\\.\\d{1,4}-\\d{1,18}){0,1023}");

    public static final AuditCursor START = new AuditCursor(Map.of());

    public AuditCursor {
        lastShown = Map.copyOf(lastShown);
    }

    /** Reads a cursor a previous page handed out; null or blank is the start. */
    public static AuditCursor parse(String text) {
        if (text == null || text.isBlank()) {
            return START;
        }
        if (!TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException("not a cursor of the audit search");
        }
        Map<Integer, Long> positions = new TreeMap<>();
        for (String part : text.split("\\.")) {
            String[] f = part.split("-");
            if (positions.put(Integer.parseInt(f[0]), Long.parseLong(f[1])) != null) {
                throw new IllegalArgumentException("not a cursor of the audit search");
            }
        }
        return new AuditCursor(positions);
    }

    /** The offset to read {@code partition} from. */
    public long offsetAfter(int partition) {
        return lastShown.getOrDefault(partition, -1L) + 1;
    }

    /** This cursor, moved past a record shown. */
    public AuditCursor past(int partition, long offset) {
        Map<Integer, Long> moved = new TreeMap<>(lastShown);
        moved.merge(partition, offset, Math::max);
        return new AuditCursor(moved);
    }

    @Override
    public String toString() {
        return new TreeMap<>(lastShown).entrySet().stream().map(e -> e.getKey() + "-" + e.getValue())
                .collect(Collectors.joining("."));
    }
}
