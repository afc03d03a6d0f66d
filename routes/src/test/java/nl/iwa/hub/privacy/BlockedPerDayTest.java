package nl.iwa.hub.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import nl.iwa.hub.audit.AuditTrailTest;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.common.ReasonCode;
import org.junit.jupiter.api.Test;

class BlockedPerDayTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    @Test
    void countsWhatWasNotPassedOnPerDayAndReasonWithinThePeriod() {
        List<AuditRecord> records = List.of(
                record(Decision.BLOCKED, ReasonCode.NO_POLICY, "2026-12-03T08:00:00Z"),
                record(Decision.BLOCKED, ReasonCode.NO_POLICY, "2026-12-03T23:59:59Z"),
                record(Decision.REJECTED, ReasonCode.INVALID_IDENTITY, "2026-12-01T00:00:00Z"),
                record(Decision.DEAD_LETTERED, null, "2026-12-02T12:00:00Z"),
                record(Decision.DELIVERED, null, "2026-12-03T09:00:00Z"),          // passed on: not counted
                record(Decision.BLOCKED, ReasonCode.NO_CONSENT, "2026-11-30T23:59:59Z"), // before the period
                record(Decision.BLOCKED, ReasonCode.NO_CONSENT, "2026-12-04T00:00:00Z")); // after it

        BlockedPerDay b = BlockedPerDay.of(records, TODAY, 3, ZoneOffset.UTC);

        assertThat(b.days()).containsExactly(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 2), TODAY);
        assertThat(b.reasons()).containsExactly("INVALID_IDENTITY", "NO_POLICY", "OTHER");
        assertThat(b.count(TODAY, "NO_POLICY")).isEqualTo(2);
        assertThat(b.count(LocalDate.of(2026, 12, 2), "OTHER")).as("a dead letter without a code").isEqualTo(1);
        assertThat(b.total(LocalDate.of(2026, 12, 1))).isEqualTo(1);
        assertThat(b.maxTotal()).isEqualTo(2);
        assertThat(BlockedPerDay.start(TODAY, 3, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void aPeriodIsOneDayToAYear() {
        assertThatThrownBy(() -> BlockedPerDay.of(List.of(), TODAY, 0, ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlockedPerDay.of(List.of(), TODAY, 367, ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class);
        assertThat(BlockedPerDay.of(List.of(), TODAY, 1, ZoneOffset.UTC).maxTotal()).isZero();
    }

    private static AuditRecord record(Decision decision, ReasonCode reason, String at) {
        AuditRecord r = AuditTrailTest.record("a");
        r.setDecision(decision);
        r.setReasonCode(reason);
        r.setRecordedAt(Instant.parse(at));
        return r;
    }
}
