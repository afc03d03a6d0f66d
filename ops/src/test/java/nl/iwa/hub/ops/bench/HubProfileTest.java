package nl.iwa.hub.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real flight recording of busy work, summarised: the busy method is found on top, and GCs are counted. */
class HubProfileTest {

    @TempDir
    Path dir;

    @Test
    void findsWhereTheTimeWentInARealRecording() throws Exception {
        Path file = dir.resolve("test.jfr");
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            double sink = 0;
            while (System.nanoTime() < until) {
                sink += Busy.spin();
            }
            System.gc();
            recording.stop();
            recording.dump(file);
            assertThat(sink).isNotNaN();
        }

        HubProfile profile = HubProfile.of(file);

        assertThat(profile.samples()).isGreaterThan(20);
        assertThat(profile.hottest()).isNotEmpty();
        assertThat(profile.hottest().subList(0, Math.min(3, profile.hottest().size())))
                .anyMatch(c -> c.name().endsWith("Busy.spin"));
        assertThat(profile.gcCount()).isGreaterThanOrEqualTo(1);
        assertThat(profile.markdown()).contains("Busy.spin", "| method | samples | share |");
        assertThat(profile.headline()).contains("hottest method");
        assertThat(HubProfile.of(file, java.time.Instant.now().plusSeconds(60)).samples())
                .as("nothing recorded after a moment in the future").isZero();
    }

    /** Work that stays on top of the stack. */
    static final class Busy {
        static double spin() {
            double x = 0;
            for (int i = 1; i < 20_000; i++) {
                x += Math.sqrt(i) / i;
            }
            return x;
        }
    }
}
