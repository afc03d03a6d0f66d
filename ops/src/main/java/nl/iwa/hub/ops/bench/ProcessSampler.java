package nl.iwa.hub.ops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Memory and CPU of a child process from Linux's {@code /proc/<pid>}: {@code status} (VmRSS, VmHWM, in kB) and
 * {@code stat} (utime and stime, fields 14 and 15, in clock ticks). Elsewhere every reading is empty.
 */
public final class ProcessSampler {

    private final long pid;
    private final long ticksPerSecond;

    public ProcessSampler(long pid) {
        this.pid = pid;
        this.ticksPerSecond = clockTicksPerSecond();
    }

    /** VmRSS in bytes. */
    public OptionalLong rssBytes() {
        return read("status").map(s -> statusKb(s, "VmRSS")).orElse(OptionalLong.empty());
    }

    /** VmHWM (peak resident set size) in bytes. */
    public OptionalLong hwmBytes() {
        return read("status").map(s -> statusKb(s, "VmHWM")).orElse(OptionalLong.empty());
    }

    /** utime + stime in nanoseconds. */
    public OptionalLong cpuNanos() {
        return read("stat").map(s -> {
            OptionalLong ticks = cpuTicks(s);
            return ticks.isPresent() ? OptionalLong.of(ticks.getAsLong() * 1_000_000_000L / ticksPerSecond) : ticks;
        }).orElse(OptionalLong.empty());
    }

    private java.util.Optional<String> read(String file) {
        try {
            return java.util.Optional.of(Files.readString(Path.of("/proc", Long.toString(pid), file)));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** A {@code Name:   1234 kB} line of /proc/<pid>/status, in bytes. */
    static OptionalLong statusKb(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                String[] parts = line.substring(name.length() + 1).trim().split("\\s+");
                try {
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /**
     * utime + stime from /proc/<pid>/stat. The second field (the command) is in parentheses and may hold
     * spaces, so fields are counted from after its closing parenthesis: there field 3 (state) comes first, and
     * utime and stime (fields 14 and 15) are the 12th and 13th.
     */
    static OptionalLong cpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] f = stat.substring(close + 1).trim().split("\\s+");
        if (f.length < 13) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** CPU time over wall time, in percent of one core. */
    static double cpuPercent(long cpuNanos, long wallNanos) {
        return wallNanos <= 0 ? Double.NaN : 100.0 * cpuNanos / wallNanos;
    }

    /** {@code getconf CLK_TCK}; 100, Linux's USER_HZ nearly everywhere, when it cannot be asked. */
    private static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
