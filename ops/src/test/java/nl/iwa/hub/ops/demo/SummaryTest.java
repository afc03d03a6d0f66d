package nl.iwa.hub.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void countsPerPartnerAndReasonAndKeepsOnlyTheLatestEvents() {
        Summary summary = new Summary(2);
        summary.count("housing-mijnstreek", "sent");
        summary.count("housing-mijnstreek", "sent");
        summary.count("housing-mijnstreek", "rejected:NO_POLICY");
        summary.count("housing-mijnstreek", "rejected:UNDECODABLE");
        summary.count("housing-mijnstreek", "rejected:NO_POLICY");
        summary.event("first");
        summary.event("second");
        summary.event("third");

        String table = summary.render(List.of("housing-mijnstreek", "uwv-zuid-limburg"), "5 s");

        assertThat(summary.get("housing-mijnstreek", "sent")).isEqualTo(2);
        assertThat(summary.withPrefix("housing-mijnstreek", "rejected:")).containsEntry("NO_POLICY", 2L).containsEntry("UNDECODABLE", 1L);
        assertThat(summary.recent()).containsExactly("third", "second");
        assertThat(table).contains("NO_POLICY: 2, UNDECODABLE: 1").contains("uwv-zuid-limburg").doesNotContain("first");
    }
}
