package nl.iwa.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import nl.iwa.hub.contract.common.Subject;
import org.junit.jupiter.api.Test;

class PseudonymiserTest {

    private final Pseudonymiser pseudonymiser = new Pseudonymiser("k".repeat(32).getBytes(StandardCharsets.UTF_8));

    @Test
    void sameBsnInAnyNotationGivesTheSamePseudonym() {
        Subject a = Subject.newBuilder().setBsn("111222333").build();
        Subject b = Subject.newBuilder().setBsn("111.222.333").setFamilyName("Other").build();

        assertThat(pseudonymiser.pseudonymOf(a)).isEqualTo(pseudonymiser.pseudonymOf(b));
        assertThat(pseudonymiser.pseudonymOf(a).orElseThrow()).hasSize(64).doesNotContain("111222333");
    }

    @Test
    void withoutBsnNameBirthDateAndPostcodeAreNormalised() {
        Subject a = Subject.newBuilder().setFamilyName("van 't Hoff-Éijk").setBirthDate(LocalDate.of(1970, 5, 1)).setPostcode("6411ab").build();
        Subject b = Subject.newBuilder().setFamilyName("Van t Hoff Eijk").setBirthDate(LocalDate.of(1970, 5, 1)).setPostcode("6411 AB").build();

        assertThat(pseudonymiser.pseudonymOf(a)).isPresent().isEqualTo(pseudonymiser.pseudonymOf(b));
    }

    @Test
    void differentKeysGiveUnlinkablePseudonyms() {
        Pseudonymiser other = new Pseudonymiser("x".repeat(32).getBytes(StandardCharsets.UTF_8));

        assertThat(other.pseudonymOfBsn("111222333")).isNotEqualTo(pseudonymiser.pseudonymOfBsn("111222333"));
    }

    @Test
    void incompleteIdentityHasNoPseudonym() {
        assertThat(pseudonymiser.pseudonymOf(Subject.newBuilder().setFamilyName("Jansen").build())).isEmpty();
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> new Pseudonymiser(new byte[16])).hasMessageContaining("at least 32 bytes");
    }
}
