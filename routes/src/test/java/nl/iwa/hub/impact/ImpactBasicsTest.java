package nl.iwa.hub.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Quarters, cell keys, k and the histogram. */
class ImpactBasicsTest {

    @Test
    void quartersParseCompareAndFollowDutchTime() {
        assertThat(Quarter.parse("2026-Q4")).isEqualTo(new Quarter(2026, 4));
        assertThat(Quarter.of(Instant.parse("2026-03-31T22:30:00Z"))).hasToString("2026-Q2"); // 00:30 on 1 April in Amsterdam
        assertThat(Quarter.parse("2026-Q4")).isLessThan(Quarter.parse("2027-Q1"));
        for (String bad : new String[] {"2026-Q5", "2026Q1", "26-Q1", "", "2026-Q1; drop"}) {
            assertThatThrownBy(() -> Quarter.parse(bad)).hasMessage("a quarter is written like 2026-Q4");
        }
    }

    @Test
    void cellKeysRoundTripAndRefuseTheSeparator() {
        CellKey key = new CellKey(ImpactKind.HANDOFF, "sociaal-uwv", "UWV", "DECLINED", "WORK", new Quarter(2026, 4));

        assertThat(key.asString()).isEqualTo("HANDOFF|sociaal-uwv|UWV|DECLINED|WORK|2026-Q4");
        assertThat(CellKey.parse(key.asString())).isEqualTo(key);
        assertThatThrownBy(() -> new CellKey(ImpactKind.HANDOFF, "a|b", "UWV", "X", "WORK", new Quarter(2026, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kBelowTwoIsRefused() {
        assertThatThrownBy(() -> new KAnonymity(1)).hasMessageContaining("iwa.impact.k must be at least 2");
        assertThat(new KAnonymity(10).tooSmall(9)).isTrue();
        assertThat(new KAnonymity(10).tooSmall(10)).isFalse();
        assertThat(new KAnonymity(10).tooSmall(0)).isFalse();
    }

    @Test
    void theHistogramIsBoundedAndItsMedianIsTheLowerMedianHour() {
        FirstContactHistogram h = FirstContactHistogram.empty().plusHours(1).plusHours(5).plusHours(5).plusHours(100_000);

        assertThat(h.count()).isEqualTo(4);
        java.util.SortedMap<Integer, Long> expected = new java.util.TreeMap<>(Map.of(1, 1L, 5, 2L, FirstContactHistogram.OVERFLOW_HOURS, 1L));
        assertThat(h.buckets()).containsExactlyEntriesOf(expected);
        assertThat(h.median()).hasValue(5);
        assertThat(FirstContactHistogram.empty().plusHours(3).plusHours(7).median()).hasValue(3);
        assertThat(FirstContactHistogram.empty().median()).isEmpty();
        assertThat(FirstContactHistogram.of(Map.of(9999, 2L))).isEqualTo(FirstContactHistogram.empty()
                .plusHours(FirstContactHistogram.OVERFLOW_HOURS).plusHours(FirstContactHistogram.OVERFLOW_HOURS + 1));
    }
}
