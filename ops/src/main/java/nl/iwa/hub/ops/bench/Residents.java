package nl.iwa.hub.ops.bench;

import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.ops.demo.Scenario;
import nl.iwa.hub.ops.options.CommandLineOptions;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import picocli.CommandLine.ITypeConverter;

/**
 * Whom the benchmark's cases are about ({@code --residents}). The synthetic BSNs number about 9,000, so over a long
 * run each of those residents comes back in dozens of cases and gathers a consent and a delivery with each, which
 * every later decision about them reads: a municipality's residents do not look like that. {@link #DISTINCT} gives
 * every case a resident of its own, known without a BSN (name, birth date and postcode).
 */
enum Residents {
    /** The synthetic BSNs, each resident in many cases (the demo's residents). */
    REPEATING,
    /** A new resident with every case, without a BSN. */
    DISTINCT;

    String id() {
        return CommandLineOptions.idOf(this);
    }

    /** The resident of a new case of {@code scenario}. */
    Subject forCase(Scenario scenario) {
        // a new resident never had a consent recorded, so a case that must be refused for want of one still is
        return this == DISTINCT ? SyntheticResidents.withoutBsn() : scenario.newResident();
    }

    static final class Converter implements ITypeConverter<Residents> {
        @Override
        public Residents convert(String value) {
            return CommandLineOptions.choice(Residents.class, value);
        }
    }
}
