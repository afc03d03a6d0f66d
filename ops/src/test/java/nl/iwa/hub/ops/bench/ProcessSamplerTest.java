package nl.iwa.hub.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessSamplerTest {

    @Test
    void readsKilobyteLinesOfProcStatusAsBytes() {
        String status = "Name:\tjava\nVmHWM:\t  480000 kB\nVmRSS:\t  412345 kB\nThreads:\t42\n";

        assertThat(ProcessSampler.statusKb(status, "VmRSS")).hasValue(412_345L * 1024);
        assertThat(ProcessSampler.statusKb(status, "VmHWM")).hasValue(480_000L * 1024);
        assertThat(ProcessSampler.statusKb(status, "VmSwap")).isEmpty();
    }

    @Test
    void cpuTicksAreUtimePlusStimeCountedAfterTheCommandEvenIfItHasSpacesAndParentheses() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String stat = "4242 (java (iwa) hub) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1500 250 0 0 20 0 60 0";

        assertThat(ProcessSampler.cpuTicks(stat)).hasValue(1750);
        assertThat(ProcessSampler.cpuTicks("garbage")).isEmpty();
        assertThat(ProcessSampler.cpuTicks("1 (x) S 1 2")).isEmpty();
    }

    @Test
    void cpuPercentIsOfOneCore() {
        assertThat(ProcessSampler.cpuPercent(3_000_000_000L, 2_000_000_000L)).isEqualTo(150.0);
        assertThat(ProcessSampler.cpuPercent(1, 0)).isNaN();
    }

    @Test
    void readsTheLiveFiguresOfThisVeryProcess() {
        ProcessSampler self = new ProcessSampler(ProcessHandle.current().pid());

        assertThat(self.rssBytes().orElseThrow()).isGreaterThan(10L * 1024 * 1024);
        assertThat(self.cpuNanos().orElseThrow()).isPositive();
        assertThat(new ProcessSampler(Long.MAX_VALUE).rssBytes()).as("no such process").isEmpty();
    }
}
