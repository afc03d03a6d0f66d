package nl.iwa.hub.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineInfoTest {

    @Test
    void readsMemoryAndCpuModelFromProcFilesAndSaysSoWhenTheyAreMissing() {
        assertThat(MachineInfo.memTotalKb("MemTotal:       24576000 kB\nMemFree:  1 kB\n")).isEqualTo(24_576_000);
        assertThat(MachineInfo.memTotalKb("")).isEqualTo(-1);
        assertThat(MachineInfo.cpuModel("processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t: fpu\n")).isEqualTo("AMD EPYC 7B13");
        assertThat(MachineInfo.cpuModel("")).isEqualTo("unknown");
    }

    @Test
    void busyCpuIsAllButIdleAndIowaitOverAllCores() {
        long[] busyAndTotal = MachineInfo.cpuJiffies("cpu  100 5 50 800 40 3 2 0 0 0\ncpu0 50 2 25 400 20 1 1 0 0 0\n");
        assertThat(busyAndTotal).containsExactly(160, 1000);
        assertThat(MachineInfo.cpuJiffies("")).containsExactly(0, 0);
    }

    @Test
    void theLoadAverageIsTheOneMinuteFigureOfProcLoadavg() {
        assertThat(MachineInfo.loadAverage("4.72 4.74 4.51 3/912 27611\n")).isEqualTo(4.72);
        assertThat(MachineInfo.loadAverage("")).isNaN();
    }
}
