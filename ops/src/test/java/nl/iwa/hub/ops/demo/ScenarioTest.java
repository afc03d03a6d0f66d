package nl.iwa.hub.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.Signal;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void aCaseThatMustLackConsentGetsAResidentWhoNeverGivesIt() {
        Set<String> neverConsent = new HashSet<>();
        for (int i = 0; i < 2_000; i++) { // more than a whole cycle of the never-consenting residents
            neverConsent.add(SyntheticResidents.neverConsenting().getBsn());
        }

        assertThat(Scenario.PSYCHOSOCIAL_WITHOUT_CONSENT.newResident().getBsn()).isIn(neverConsent);
        assertThat(Scenario.PSYCHOSOCIAL.newResident().getBsn()).isNotIn(neverConsent);
        assertThat(Scenario.RENT_ARREARS.newResident().getBsn()).isNotIn(neverConsent);
    }

    @Test
    void theBodyIsTheScenariosSignalOrHandoffWithMoreThanThePolicyPassesOn() {
        Subject resident = SyntheticResidents.next();

        Signal arrears = (Signal) Scenario.RENT_ARREARS.body(resident);
        HandoffRequest psychosocial = (HandoffRequest) Scenario.PSYCHOSOCIAL.body(resident);
        HandoffRequest work = (HandoffRequest) Scenario.WORK_REINTEGRATION.body(resident);

        assertThat(arrears.getSignalType()).isEqualTo("RENT_ARREARS");
        assertThat(arrears.getFacts().getMedicalDetail()).as("only a GP knows it").isNull();
        assertThat(psychosocial.getRequestedAction()).isEqualTo("CONTACT_RESIDENT");
        assertThat(psychosocial.getFacts().getMedicalDetail()).as("the GP's system knows it; the hub must strip it").isNotNull();
        assertThat(work.getRequestedAction()).isEqualTo("TAKE_OVER");
        assertThat(Scenario.WORK_REINTEGRATION.consentGrant("0123456789", resident).getDataCategories())
                .isEqualTo(Scenario.WORK_REINTEGRATION.consentCategories());
    }
}
