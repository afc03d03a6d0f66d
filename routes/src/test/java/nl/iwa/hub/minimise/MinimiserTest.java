package nl.iwa.hub.minimise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import nl.iwa.hub.contract.common.CaseFacts;
import nl.iwa.hub.contract.common.Subject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MinimiserTest {

    private static final Subject SUBJECT = Subject.newBuilder().setBsn("111222333").setGivenName("A").setFamilyName("B")
            .setBirthDate(LocalDate.of(1980, 1, 1)).setPostcode("6411 AB").setPhone("06-1").build();
    private static final CaseFacts FACTS = CaseFacts.newBuilder().setArrearsMonths(2).setConcernCodes(List.of("LONELINESS"))
            .setMedicalDetail("m").setFreeText("t").build();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Set.of(), List.of(),
                        List.of("subject.bsn", "subject.givenName", "subject.familyName", "subject.birthDate", "subject.postcode",
                                "subject.phone", "facts.arrearsMonths", "facts.concernCodes", "facts.medicalDetail", "facts.freeText")),
                Arguments.of(Set.of("subject.bsn", "facts.arrearsMonths"), List.of("subject.bsn", "facts.arrearsMonths"),
                        List.of("subject.givenName", "subject.familyName", "subject.birthDate", "subject.postcode", "subject.phone",
                                "facts.concernCodes", "facts.medicalDetail", "facts.freeText")),
                // allowed but empty fields are neither delivered nor removed
                Arguments.of(Set.of("subject.email", "facts.freeText", "facts.concernCodes"), List.of("facts.concernCodes", "facts.freeText"),
                        List.of("subject.bsn", "subject.givenName", "subject.familyName", "subject.birthDate", "subject.postcode",
                                "subject.phone", "facts.arrearsMonths", "facts.medicalDetail")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void onlyAllowedFieldsSurvive(Set<String> allowed, List<String> delivered, List<String> removed) {
        MinimisedContent out = new Minimiser().minimise(SUBJECT, FACTS, allowed);

        assertThat(out.fieldsDelivered()).containsExactlyElementsOf(delivered);
        assertThat(out.fieldsRemoved()).containsExactlyElementsOf(removed);
        assertThat(out.subject().getBsn()).isEqualTo(allowed.contains("subject.bsn") ? "111222333" : null);
        assertThat(out.facts().getMedicalDetail()).isNull();
        assertThat(out.facts().getFreeText()).isEqualTo(allowed.contains("facts.freeText") ? "t" : null);
        assertThat(out.facts().getConcernCodes()).isEqualTo(allowed.contains("facts.concernCodes") ? List.of("LONELINESS") : List.of());
    }
}
