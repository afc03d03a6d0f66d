package nl.iwa.hub.audit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditCursorTest {

    @Test
    void aCursorMovesPerChainAndReadsBackFromItsText() {
        AuditCursor cursor = AuditCursor.START.past(2, 17).past(0, 41).past(0, 40);

        assertThat(cursor.toString()).isEqualTo("0-41.2-17");
        assertThat(AuditCursor.parse(cursor.toString())).isEqualTo(cursor);
        assertThat(cursor.offsetAfter(0)).isEqualTo(42);
        assertThat(cursor.offsetAfter(1)).as("a chain not read yet starts at its beginning").isZero();
        assertThat(AuditCursor.parse(null)).isEqualTo(AuditCursor.START);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "0-1.x", "0-1.0-2", "0:1", "999999999-1", "0-1;DROP"})
    void anythingElseIsRefused(String text) {
        assertThatThrownBy(() -> AuditCursor.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a cursor of the audit search");
    }
}
