package nl.iwa.hub.ops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Where and when the benchmark ran: numbers from one machine mean little without it. */
public record MachineInfo(String date, int cores, long memoryMb, String cpuModel, String java, String os) {

    public static MachineInfo current() {
        return new MachineInfo(
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString(),
                Runtime.getRuntime().availableProcessors(),
                memTotalKb(read("/proc/meminfo")) / 1024,
                cpuModel(read("/proc/cpuinfo")),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    }

    /**
     * The 1-minute load average now (NaN where /proc/loadavg is missing). On a shared machine it tells whether
     * the figures of a run were made with other work competing for the cores.
     */
    public static double loadAverageNow() {
        return loadAverage(read("/proc/loadavg"));
    }

    /** The first field of /proc/loadavg; NaN when unreadable. */
    static double loadAverage(String loadavg) {
        try {
            return Double.parseDouble(loadavg.trim().split("\\s+")[0]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return Double.NaN;
        }
    }

    /** MemTotal of /proc/meminfo in kB; -1 when unknown. */
    /** Busy and total jiffies of all cores together, from /proc/stat's first line (busy: all but idle and iowait). */
    public static long[] cpuJiffiesNow() {
        return cpuJiffies(read("/proc/stat"));
    }

    static long[] cpuJiffies(String stat) {
        String[] f = stat.lines().findFirst().orElse("").trim().split("\\s+");
        long total = 0;
        long idle = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            long v = Long.parseLong(f[i]);
            total += v;
            if (i == 4 || i == 5) {
                idle += v;
            }
        }
        return new long[] {total - idle, total};
    }

    static long memTotalKb(String meminfo) {
        return ProcessSampler.statusKb(meminfo, "MemTotal").stream().map(bytes -> bytes / 1024).findFirst().orElse(-1);
    }

    static String cpuModel(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
