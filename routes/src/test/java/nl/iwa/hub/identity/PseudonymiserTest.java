package nl.iwa.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
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

    private static final LocalDate BORN = LocalDate.of(1970, 5, 1);

    private Optional<String> byName(String given, String family) {
        return pseudonymiser.pseudonymOf(Subject.newBuilder().setGivenName(given).setFamilyName(family)
                .setBirthDate(BORN).setPostcode("6411 AB").build());
    }

    @Test
    void withoutBsnNameBirthDateAndPostcodeAreNormalised() {
        Subject a = Subject.newBuilder().setGivenName("Anna Maria").setFamilyName("van 't Hoff-Éijk").setBirthDate(BORN).setPostcode("6411ab").build();
        Subject b = Subject.newBuilder().setGivenName("A.M.").setFamilyName("Van t Hoff Eijk").setBirthDate(BORN).setPostcode("6411 AB").build();

        assertThat(pseudonymiser.pseudonymOf(a)).isPresent().isEqualTo(pseudonymiser.pseudonymOf(b));
    }

    @Test
    void namesInOtherScriptsAreTransliteratedNotDropped() {
        // before: only the letters a-z were kept, so these four were one person
        Set<Optional<String>> distinct = Set.of(byName("A", "Иванов"), byName("A", "Петров"), byName("A", "李"), byName("A", "Ng"));

        assertThat(distinct).hasSize(4).allMatch(Optional::isPresent);
        // and one resident written in two scripts is one resident
        assertThat(byName("A", "Иванов")).isEqualTo(byName("A", "Ivanov"));
        assertThat(byName("Ольга", "Иванова")).isEqualTo(byName("O.", "Ivanova"));
        assertThat(byName("Anna-Maria", "Jansen")).isEqualTo(byName("A. M.", "Jansen"));
    }

    @Test
    void twinsWithOtherInitialsAreTwoResidents() {
        assertThat(byName("Anna", "Jansen")).isPresent().isNotEqualTo(byName("Bram", "Jansen"));
    }

    @Test
    void whatIdentifiesNobodyHasNoPseudonym() {
        assertThat(byName("A", "!!!")).isEmpty();
        assertThat(byName("A", "")).isEmpty();
        assertThat(byName("", "Jansen")).isEmpty();
        assertThat(byName(null, "Jansen")).isEmpty();
        assertThat(byName("A", "1234")).isEmpty();
    }

    @Test
    void differentKeysGiveUnlinkablePseudonyms() {
        Pseudonymiser other = new Pseudonymiser("x".repeat(32).getBytes(StandardCharsets.UTF_8));

        assertThat(other.pseudonymOfBsn("111222333")).isNotEqualTo(pseudonymiser.pseudonymOfBsn("111222333"));
    }

    @Test
    void incompleteIdentityHasNoPseudonym() {
        assertThat(pseudonymiser.pseudonymOf(Subject.newBuilder().setFamilyName("Jansen").build())).isEmpty();
        assertThat(pseudonymiser.pseudonymOf(Subject.newBuilder().setFamilyName("Jansen").setBirthDate(BORN).setPostcode("6411 AB").build()))
                .as("without initials").isEmpty();
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> new Pseudonymiser(new byte[16])).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void aDerivedKeyIsStableForOneSecretAndPurposeAndDiffersOtherwise() {
        byte[] key = pseudonymiser.derivedKey("connectors/pull-inbox-cursor");
        // another instance (a restart, a second hub) with the same secret derives the same key
        assertThat(new Pseudonymiser("k".repeat(32).getBytes(StandardCharsets.UTF_8)).derivedKey("connectors/pull-inbox-cursor"))
                .hasSize(32).isEqualTo(key);
        assertThat(pseudonymiser.derivedKey("connectors/other")).isNotEqualTo(key);
        assertThat(new Pseudonymiser("j".repeat(32).getBytes(StandardCharsets.UTF_8)).derivedKey("connectors/pull-inbox-cursor"))
                .isNotEqualTo(key);
        assertThatThrownBy(() -> pseudonymiser.derivedKey(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
