package nl.iwa.hub.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrafficMixTest {

    private final TrafficMix mix = TrafficMix.standard();

    @Test
    void everyScenarioGetsItsWeightOutOfAHundred() {
        Map<Scenario, Integer> picked = new EnumMap<>(Scenario.class);
        IntStream.range(0, mix.totalWeight()).forEach(dice -> picked.merge(mix.pick(dice), 1, Integer::sum));

        assertThat(mix.totalWeight()).isEqualTo(100);
        for (Scenario s : Scenario.values()) {
            assertThat(picked.get(s)).as(s.name()).isEqualTo(s.weight());
        }
        assertThatThrownBy(() -> mix.pick(100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mostTrafficIsLawfulAndRentArrearsIsTheCommonestCase() {
        int lawful = 0;
        for (Scenario s : Scenario.values()) {
            if (s.flow().expectsDelivery()) {
                lawful += s.weight();
            }
            assertThat(s.weight()).isLessThanOrEqualTo(Scenario.RENT_ARREARS.weight());
        }
        assertThat(lawful).isBetween(75, 90);
    }

    @Test
    void consentIsRecordedExactlyForTheConsentFlowsThatShouldGetThrough() {
        assertThat(Scenario.DROP_OUT.consentCategories()).containsExactly("IDENTITY", "CONTACT", "PARTICIPATION");
        assertThat(Scenario.WORK_REINTEGRATION.consentCategories()).contains("INCOME", "FREE_TEXT");
        assertThat(Scenario.PSYCHOSOCIAL.consentCategories()).contains("WELLBEING");
        assertThat(Scenario.PSYCHOSOCIAL_WITHOUT_CONSENT.recordsConsent()).isFalse();
        assertThat(Scenario.PSYCHOSOCIAL_WITHOUT_CONSENT.expected()).isEqualTo("NO_CONSENT");
        assertThat(Scenario.RENT_ARREARS.recordsConsent()).isFalse(); // a legal duty needs none
    }

    @Test
    void aCaseCostsBetweenOneAndThreeOutboxMessagesOnAverage() {
        // consents before consent flows, and the receivers' answers to handoffs, come on top of each case's message
        assertThat(mix.averageMessagesPerCase()).isBetween(1.5, 3.0);
    }
}
