package nl.iwa.hub.connectors.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InboxCursorTest {

    private final byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aSealedCursorOpensAsItWas() {
        String sealed = new InboxCursor("housing-mijnstreek", Map.of(0, 5L, 2, 7L)).seal(key);

        assertThat(InboxCursor.open(sealed, key)).contains(new InboxCursor("housing-mijnstreek", Map.of(0, 5L, 2, 7L)));
    }

    @Test
    void aMadeUpOrAlteredCursorDoesNotOpen() {
        String sealed = new InboxCursor("housing-mijnstreek", Map.of(0, 5L)).seal(key);
        String forgedPayload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"p\":\"housing-mijnstreek\",\"o\":{\"0\":500}}".getBytes(StandardCharsets.UTF_8));

        assertThat(InboxCursor.open(forgedPayload + sealed.substring(sealed.indexOf('.')), key)).isEmpty();
        assertThat(InboxCursor.open(sealed, "another-key-another-key-another-".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(InboxCursor.open("garbage", key)).isEmpty();
        assertThat(InboxCursor.open("a.b.c", key)).isEmpty();
        assertThat(InboxCursor.open(null, key)).isEmpty();
    }
}
