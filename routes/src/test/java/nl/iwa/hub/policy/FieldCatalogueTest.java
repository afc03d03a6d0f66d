package nl.iwa.hub.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldCatalogueTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "subject.bsn, IDENTITY",
            "subject.postcode, ADDRESS",
            "subject.email, CONTACT",
            "facts.arrearsAmountCents, FINANCIAL",
            "facts.benefitEndDate, INCOME",
            "facts.missedAppointments, PARTICIPATION",
            "facts.concernCodes, WELLBEING",
            "facts.medicalDetail, MEDICAL",
            "facts.freeText, FREE_TEXT"})
    void everyContractFieldHasACategory(String field, DataCategory category) {
        assertThat(FieldCatalogue.categoryOf(field)).isEqualTo(category);
    }

    @org.junit.jupiter.api.Test
    void catalogueCoversEverySubjectAndFactsField() {
        int fields = nl.iwa.hub.contract.common.Subject.getClassSchema().getFields().size()
                + nl.iwa.hub.contract.common.CaseFacts.getClassSchema().getFields().size();

        assertThat(FieldCatalogue.allFields()).hasSize(fields);
    }
}
