package nl.iwa.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NameNormaliserTest {

    @Test
    void asciiIsLeftAsTheTransliterationWouldLeaveIt() {
        // the shortcut for ASCII names must give what ICU gives, or pseudonyms would change with it
        for (char c = 0; c < 0x80; c++) {
            String s = "a" + c + "b";
            assertThat(s.toLowerCase(Locale.ROOT)).as("char %d", (int) c).isEqualTo(NameNormaliser.transliterated(s));
        }
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder name = new StringBuilder();
            for (int j = 0; j < 1 + random.nextInt(30); j++) {
                name.append((char) (0x20 + random.nextInt(0x5f)));
            }
            String s = name.toString();
            assertThat(s.toLowerCase(Locale.ROOT)).as(s).isEqualTo(NameNormaliser.transliterated(s));
        }
    }

    @Test
    void namesAgreeWhateverTheScriptTheyAreWrittenIn() {
        assertThat(NameNormaliser.family("van 't Hoff-Éijk")).isEqualTo("vanthoffeijk");
        assertThat(NameNormaliser.family("Иванов")).isEqualTo(NameNormaliser.family("Ivanov")).isEqualTo("ivanov");
        assertThat(NameNormaliser.family("Иванов")).isNotEqualTo(NameNormaliser.family("Петров"));
        assertThat(NameNormaliser.family("Vermeulen-Testpersoon")).isEqualTo("vermeulentestpersoon");
        assertThat(NameNormaliser.initials("Anna Maria")).isEqualTo(NameNormaliser.initials("A.M.")).isEqualTo("am");
        assertThat(NameNormaliser.initials("anna-maria")).isEqualTo("am");
        assertThat(NameNormaliser.family("!!! 123")).isEmpty();
    }
}
