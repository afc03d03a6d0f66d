package nl.iwa.hub.ops.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the hub's time went, from a Java Flight Recorder recording of it (the JDK's own profiler, read with its
 * own API): the methods most often on top of a sampled stack, the hub's own methods most often anywhere on it,
 * the time the JVM was paused for garbage collection, and the time threads waited for a monitor.
 */
public record HubProfile(long samples, List<Count> hottest, List<Count> hubFrames, Duration gcPauses, long gcCount,
                         Duration monitorWaits, List<Count> contendedMonitors, Duration recorded) {

    private static final int TOP = 15;

    /** A name and how often (samples) or how long (milliseconds) it was seen. */
    public record Count(String name, long value) {
    }

    public static HubProfile of(Path recording) {
        return of(recording, java.time.Instant.MIN);
    }

    /** Only what happened from {@code from} on: the benchmark leaves out the hub's start-up (class loading, wiring). */
    public static HubProfile of(Path recording, java.time.Instant from) {
        Map<String, Long> top = new HashMap<>();
        Map<String, Long> hub = new HashMap<>();
        Map<String, Long> monitors = new HashMap<>();
        long samples = 0;
        long gcCount = 0;
        Duration gc = Duration.ZERO;
        Duration waits = Duration.ZERO;
        java.time.Instant first = null;
        java.time.Instant last = null;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (e.getStartTime().isBefore(from)) {
                    continue;
                }
                first = first == null || e.getStartTime().isBefore(first) ? e.getStartTime() : first;
                last = last == null || e.getEndTime().isAfter(last) ? e.getEndTime() : last;
                switch (e.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        samples++;
                        RecordedStackTrace stack = e.getStackTrace();
                        if (stack != null && !stack.getFrames().isEmpty()) {
                            top.merge(name(stack.getFrames().get(0)), 1L, Long::sum);
                            stack.getFrames().stream().map(HubProfile::name).filter(n -> n.startsWith("nl.iwa.")).distinct()
                                    .forEach(n -> hub.merge(n, 1L, Long::sum));
                        }
                    }
                    case "jdk.GarbageCollection" -> {
                        gcCount++;
                        gc = gc.plus(e.getDuration("sumOfPauses"));
                    }
                    case "jdk.JavaMonitorEnter" -> {
                        waits = waits.plus(e.getDuration());
                        String monitor = e.getClass("monitorClass") == null ? "?" : e.getClass("monitorClass").getName();
                        monitors.merge(monitor, e.getDuration().toMillis(), Long::sum);
                    }
                    default -> { }
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read the hub's flight recording " + recording, ex);
        }
        return new HubProfile(samples, topOf(top), topOf(hub), gc, gcCount, waits, topOf(monitors),
                first == null ? Duration.ZERO : Duration.between(first, last));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static List<Count> topOf(Map<String, Long> counts) {
        List<Count> sorted = new ArrayList<>();
        counts.forEach((k, v) -> sorted.add(new Count(k, v)));
        sorted.sort(Comparator.comparingLong(Count::value).reversed().thenComparing(Count::name));
        return List.copyOf(sorted.subList(0, Math.min(TOP, sorted.size())));
    }

    /** One line for the report's notes. */
    public String headline() {
        String first = hottest.isEmpty() ? "no samples" : "hottest method " + hottest.get(0).name() + " ("
                + percent(hottest.get(0).value()) + " of samples)";
        return String.format(Locale.ROOT, "%s; %d GCs paused it %.1f s in %.0f s; threads waited %.1f s for monitors",
                first, gcCount, gcPauses.toMillis() / 1000.0, recorded.toMillis() / 1000.0, monitorWaits.toMillis() / 1000.0);
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# Where the hub's time went\n\n");
        md.append(String.format(Locale.ROOT, "Java Flight Recorder, `settings=profile`, %.0f s recorded from the first phase on (start-up left out), %,d execution samples. "
                        + "%,d garbage collections paused the hub %.1f s in all; threads waited %.1f s to enter a monitor.%n%n",
                recorded.toMillis() / 1000.0, samples, gcCount, gcPauses.toMillis() / 1000.0, monitorWaits.toMillis() / 1000.0));
        table(md, "Hottest methods (top of the sampled stack)", "samples", hottest, true);
        table(md, "The hub's own methods on the sampled stacks (anywhere on it: where its work is spent)", "samples", hubFrames, true);
        table(md, "Monitors waited for", "ms", contendedMonitors, false);
        return md.toString();
    }

    private void table(StringBuilder md, String title, String unit, List<Count> rows, boolean share) {
        md.append("## ").append(title).append("\n\n| method | ").append(unit).append(share ? " | share |\n|---|--:|--:|\n" : " |\n|---|--:|\n");
        for (Count c : rows) {
            md.append("| `").append(c.name()).append("` | ").append(String.format(Locale.ROOT, "%,d", c.value()));
            md.append(share ? " | " + percent(c.value()) + " |\n" : " |\n");
        }
        md.append('\n');
    }

    private String percent(long count) {
        return samples == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * count / samples);
    }
}
