package nl.iwa.hub.impact;

import static nl.iwa.hub.contract.common.HandoffStatus.ACCEPTED;
import static nl.iwa.hub.contract.common.HandoffStatus.CANCELLED;
import static nl.iwa.hub.contract.common.HandoffStatus.COMPLETED;
import static nl.iwa.hub.contract.common.HandoffStatus.DECLINED;
import static nl.iwa.hub.contract.common.HandoffStatus.FAILED;
import static nl.iwa.hub.contract.common.HandoffStatus.IN_PROGRESS;
import static nl.iwa.hub.contract.common.HandoffStatus.RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import nl.iwa.hub.contract.common.LifeDomain;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import org.junit.jupiter.api.Test;

/**
 * A generated year of outcomes gives the expected counts, medians and suppressed cells. The generator (seeded, so
 * every run sees the same year) writes down what it made happen: which cell each handoff and signal belongs to
 * and after how many hours first contact came. The expected figures are computed from that record with plain
 * java.time and sorting, never with the code under test; the handoff states themselves go through the hub's
 * classification and publication as in production.
 */
class GeneratedYearTest {

    static final long SEED = 20261203L;
    static final int K = 10;
    static final ZoneId NL = ZoneId.of("Europe/Amsterdam");
    static final String[] FLOWS = {"sociaal-uwv-werk", "gp-sociaal-psychosociaal", "wi-sociaal-uitval"};
    static final String[] RECEIVERS = {"uwv-zuid-limburg", "socialteam-heerlen", "socialteam-heerlen"};
    static final String[] KINDS = {"UWV", "SOCIAL_TEAM", "SOCIAL_TEAM"};

    /** What the generator made happen: cell key (as text) to count, and row (as text) to first-contact hours. */
    final Map<String, Long> expectedCounts = new TreeMap<>();
    final Map<String, List<Long>> expectedHours = new TreeMap<>();
    final Map<CellKey, CellFigures> cells = new HashMap<>();

    @Test
    void aGeneratedYearGivesTheExpectedCountsMediansAndSuppressedCells() {
        generateYear();

        ImpactReport report = new ImpactPublication(new KAnonymity(K)).publish(cells, null, null);

        for (ImpactReport.Table table : List.of(report.handoffs(), report.signals())) {
            int hiddenSmall = 0;
            int published = 0;
            long[][] counts = new long[table.rows().size()][table.outcomes().size()];
            boolean[][] hidden = new boolean[table.rows().size() + 1][table.outcomes().size() + 1];
            Map<String, Long> outcomeTotals = new HashMap<>();
            for (int r = 0; r < table.rows().size(); r++) {
                ImpactReport.Row row = table.rows().get(r);
                long rowTotal = 0;
                for (int c = 0; c < row.cells().size(); c++) {
                    ImpactReport.Entry e = row.cells().get(c);
                    long expected = expectedCounts.getOrDefault(key(table.kind().name(), row.flow(), row.receiverKind(), e.outcome(),
                            row.domain(), row.quarter()), 0L);
                    counts[r][c] = expected;
                    hidden[r][c] = e.suppressed();
                    rowTotal += expected;
                    outcomeTotals.merge(e.outcome(), expected, Long::sum);
                    if (expected > 0 && expected < K) {
                        assertThat(e.suppressed()).as("cell under k: %s %s", row, e.outcome()).isTrue();
                        hiddenSmall++;
                    }
                    if (!e.suppressed()) {
                        assertThat(e.count()).as("published cell %s %s", row, e.outcome()).isEqualTo(expected);
                        published++;
                    } else {
                        assertThat(e.count()).isNull();
                    }
                }
                hidden[r][row.cells().size()] = row.total().suppressed();
                assertPublishedOrSmall(row.total(), rowTotal);
                List<Long> hours = expectedHours.getOrDefault(rowKey(table.kind().name(), row.flow(), row.receiverKind(), row.domain(),
                        row.quarter()), List.of());
                assertThat(row.medianHoursToFirstContact()).as("median of %s", row).isEqualTo(hours.size() >= K ? lowerMedian(hours) : null);
            }
            long grand = 0;
            for (int c = 0; c < table.outcomeTotals().size(); c++) {
                ImpactReport.Entry e = table.outcomeTotals().get(c);
                hidden[table.rows().size()][c] = e.suppressed();
                assertPublishedOrSmall(e, outcomeTotals.getOrDefault(e.outcome(), 0L));
                grand += outcomeTotals.getOrDefault(e.outcome(), 0L);
            }
            hidden[table.rows().size()][table.outcomes().size()] = table.total().suppressed();
            assertPublishedOrSmall(table.total(), grand);
            assertThat(grand).isEqualTo(expectedCounts.entrySet().stream().filter(e -> e.getKey().startsWith(table.kind().name() + "|"))
                    .mapToLong(Map.Entry::getValue).sum());

            // the year has rare cells to hide and common ones to show, and what is hidden cannot be worked out
            assertThat(hiddenSmall).as("%s cells under k", table.kind()).isGreaterThan(3);
            assertThat(published).as("%s published cells", table.kind()).isGreaterThan(table.kind() == ImpactKind.HANDOFF ? 10 : 4);
            assertThat(SuppressionGridTest.derivable(hidden)).isEmpty();
            assertThat(SuppressionGrid.suppress(counts, new KAnonymity(K))).isDeepEqualTo(hidden);
        }

        List<Long> allHours = expectedHours.values().stream().flatMap(List::stream).toList();
        assertThat(report.handoffs().medianHoursToFirstContact()).isEqualTo(lowerMedian(allHours));
        long handoffs = count("HANDOFF|");
        assertThat(report.handoffs().shares().get("declinedOrExpired"))
                .isEqualTo(Math.round(1000.0 * (count("|DECLINED|") + count("|EXPIRED|")) / handoffs) / 1000.0);
        assertThat(report.signals().shares().get("ledToHelp"))
                .isEqualTo(Math.round(1000.0 * count("|LED_TO_HELP|") / count("SIGNAL|")) / 1000.0);
    }

    @Test
    void aRangeOfQuartersPublishesOnlyThoseQuarters() {
        generateYear();

        ImpactReport report = new ImpactPublication(new KAnonymity(K)).publish(cells, Quarter.parse("2026-Q2"), Quarter.parse("2026-Q3"));

        assertThat(report.handoffs().rows()).extracting(ImpactReport.Row::quarter).containsOnly("2026-Q2", "2026-Q3");
        assertThat(report.handoffs().total().count()).isEqualTo(expectedCounts.entrySet().stream()
                .filter(e -> e.getKey().startsWith("HANDOFF|") && (e.getKey().endsWith("2026-Q2") || e.getKey().endsWith("2026-Q3")))
                .mapToLong(Map.Entry::getValue).sum());
    }

    private void assertPublishedOrSmall(ImpactReport.Entry e, long expected) {
        if (e.suppressed()) {
            assertThat(e.count()).isNull();
        } else {
            assertThat(e.count()).isEqualTo(expected);
            assertThat(expected == 0 || expected >= K).as("a published total of %d", expected).isTrue();
        }
    }

    private long count(String part) {
        return expectedCounts.entrySet().stream().filter(e -> (e.getKey() + "|").contains(part)).mapToLong(Map.Entry::getValue).sum();
    }

    // --- the generator -----------------------------------------------------------------------------------------

    private void generateYear() {
        Random random = new Random(SEED);
        SettledHandoffs settled = ImpactFixtures.settledHandoffs();
        SignalFollowUps followUps = new SignalFollowUps(Duration.ofDays(182));
        for (LocalDate day = LocalDate.of(2026, 1, 1); day.getYear() == 2026; day = day.plusDays(1)) {
            Instant morning = day.atTime(9, 0).atZone(NL).toInstant();
            int handoffs = random.nextInt(9);
            for (int i = 0; i < handoffs; i++) {
                Instant requested = morning.plus(Duration.ofMinutes(random.nextInt(480)));
                HandoffRecord h = oneHandoff(random, requested);
                settled.contribution(h).ifPresent(c -> cells.merge(c.cell(), CellFigures.empty().plus(c), CellFigures::plus));
            }
            int signals = random.nextInt(4);
            for (int i = 0; i < signals; i++) {
                int f = random.nextInt(20) == 0 ? 2 : 0; // mostly one flow, a rare one beside it
                Instant delivered = morning.plus(Duration.ofMinutes(random.nextInt(480)));
                SignalFollowUps.Delivered d = followUps.delivered(FLOWS[f], KINDS[f], delivered);
                cells.merge(d.counted().cell(), CellFigures.empty().plus(d.counted()), CellFigures::plus);
                boolean helped = random.nextInt(10) < 3;
                if (helped) {
                    for (Contribution move : followUps.helpAccepted(List.of(d.pending()), delivered.plus(Duration.ofDays(1 + random.nextInt(60)))).moves()) {
                        cells.merge(move.cell(), CellFigures.empty().plus(move), CellFigures::plus);
                    }
                }
                expectedCounts.merge(key("SIGNAL", FLOWS[f], KINDS[f], helped ? "LED_TO_HELP" : "NO_HELP_RECORDED", "NOT_RECORDED",
                        quarter(delivered)), 1L, Long::sum);
            }
        }
    }

    private HandoffRecord oneHandoff(Random random, Instant requested) {
        int f = pick(random, 6, 3, 1);
        LifeDomain domain = new LifeDomain[] {LifeDomain.WORK, LifeDomain.INCOME, LifeDomain.DEBTS, LifeDomain.CARE}[pick(random, 10, 6, 3, 1)];
        int o = pick(random, 35, 10, 8, 5, 15, 10, 10, 7);
        Instant received = requested.plus(Duration.ofHours(2));
        Instant accepted = requested.plus(Duration.ofDays(1));
        long hours = random.nextInt(20) == 0 ? 2000 + random.nextInt(100) : 1 + random.nextInt(120);
        Instant firstContact = requested.plus(Duration.ofHours(hours)).plus(Duration.ofMinutes(random.nextInt(60)));
        HandoffRecord h;
        String outcome;
        boolean contact = false;
        switch (o) {
            case 0, 1, 2, 3 -> {
                String code = new String[] {"HELP_ACCEPTED", "NO_PROBLEM_FOUND", "NOT_REACHABLE", "REFERRED_ELSEWHERE"}[o];
                h = ImpactFixtures.handoff(FLOWS[f], RECEIVERS[f], domain, requested, RECEIVED, received, ACCEPTED, accepted,
                        IN_PROGRESS, firstContact, COMPLETED, firstContact.plus(Duration.ofDays(10)));
                h.setOutcomeCode(code);
                outcome = "COMPLETED_" + code;
                contact = true;
            }
            case 4 -> {
                h = ImpactFixtures.handoff(FLOWS[f], RECEIVERS[f], domain, requested, RECEIVED, received, DECLINED, accepted);
                outcome = "DECLINED";
            }
            case 5 -> {
                h = ImpactFixtures.handoff(FLOWS[f], RECEIVERS[f], domain, requested, RECEIVED, received, CANCELLED, received.plus(Duration.ofHours(1)));
                outcome = "CANCELLED";
            }
            case 6 -> {
                // nobody answered for a month: well past the 3 + 2 working days of the ladder, holidays or not
                h = ImpactFixtures.handoff(FLOWS[f], RECEIVERS[f], domain, requested, RECEIVED, received,
                        random.nextBoolean() ? CANCELLED : FAILED, received.plus(Duration.ofDays(30)));
                outcome = "EXPIRED";
            }
            default -> {
                h = ImpactFixtures.handoff(FLOWS[f], RECEIVERS[f], domain, requested, RECEIVED, received, ACCEPTED, accepted,
                        IN_PROGRESS, firstContact, FAILED, firstContact.plus(Duration.ofDays(5)));
                outcome = "FAILED";
                contact = true;
            }
        }
        Instant settledAt = h.getHistory().get(h.getHistory().size() - 1).getAt();
        expectedCounts.merge(key("HANDOFF", FLOWS[f], KINDS[f], outcome, domain.name(), quarter(settledAt)), 1L, Long::sum);
        if (contact) {
            expectedHours.computeIfAbsent(rowKey("HANDOFF", FLOWS[f], KINDS[f], domain.name(), quarter(settledAt)), k -> new ArrayList<>())
                    .add(Math.min(hours, 1440));
        }
        return h;
    }

    private static int pick(Random random, int... weights) {
        int total = java.util.Arrays.stream(weights).sum();
        int x = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        throw new IllegalStateException();
    }

    private static String quarter(Instant at) {
        ZonedDateTime t = at.atZone(NL);
        return t.getYear() + "-Q" + ((t.getMonthValue() + 2) / 3);
    }

    private static String key(String kind, String flow, String receiverKind, String outcome, String domain, String quarter) {
        return String.join("|", kind, flow, receiverKind, outcome, domain, quarter);
    }

    private static String rowKey(String kind, String flow, String receiverKind, String domain, String quarter) {
        return String.join("|", kind, flow, receiverKind, domain, quarter);
    }

    private static Integer lowerMedian(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? null : sorted.get((sorted.size() + 1) / 2 - 1).intValue();
    }
}
