package nl.iwa.hub.ops.demo;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.testkit.residents.SyntheticBsn;

/**
 * Invented residents for the demo: BSNs from the 9999xxxxx range, which is not issued to people, that pass
 * the 11-test ({@link SyntheticBsn}, the generator the tests use too); names, streets and numbers made up.
 * Never real data.
 */
public final class SyntheticResidents {

    private static final String[] GIVEN = {"Anouk", "Bram", "Chantal", "Dennis", "Esra", "Fenna", "Gijs", "Hanna", "Ilias", "Joyce"};
    private static final String[] FAMILY = {"Demo-Janssen", "Demo-Smeets", "Demo-Hermans", "Demo-Peeters", "Demo-Willems", "Demo-Bos"};
    private static final String[] STREET = {"Demostraat", "Proeflaan", "Oefenweg", "Voorbeeldplein"};
    /** Letter pairs the Dutch postcode system does not issue. */
    private static final java.util.Set<String> UNUSED_LETTERS = java.util.Set.of("SA", "SD", "SS");

    /**
     * Seeds from here up to 9999 are kept for residents who never give consent: the cases that the hub must block
     * for lack of one. The sequences wrap (some 8,000 and 900 distinct BSNs), and a long run (the benchmark sends
     * hundreds of thousands of cases) would otherwise give a "consent forgotten" case a resident whose consent
     * was recorded by an earlier case, which the hub then rightly delivers.
     */
    static final int NEVER_CONSENTING_FROM = 9_000;

    /**
     * Each case gets a resident of its own (some 8,000 distinct BSNs before the sequence wraps), so that a
     * consent recorded in one case never makes another case lawful by accident.
     */
    private static final AtomicInteger SEQUENCE = new AtomicInteger(ThreadLocalRandom.current().nextInt(NEVER_CONSENTING_FROM));
    private static final AtomicInteger NEVER_CONSENTING_SEQUENCE =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(10_000 - NEVER_CONSENTING_FROM));

    private SyntheticResidents() {
    }

    /** The resident of a new case: one who never gives consent where the case must be blocked for the lack of one. */
    public static Subject forCase(Scenario scenario) {
        return "NO_CONSENT".equals(scenario.expected()) ? neverConsenting() : next();
    }

    public static Subject next() {
        return resident(nextBsn());
    }

    /** A resident for whom no case ever records a consent. */
    public static Subject neverConsenting() {
        return resident(neverConsentingBsn());
    }

    private static Subject resident(String bsn) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return Subject.newBuilder()
                .setBsn(bsn)
                .setGivenName(GIVEN[r.nextInt(GIVEN.length)])
                .setFamilyName(FAMILY[r.nextInt(FAMILY.length)])
                .setBirthDate(LocalDate.of(1950 + r.nextInt(55), 1 + r.nextInt(12), 1 + r.nextInt(28)))
                .setStreet(STREET[r.nextInt(STREET.length)])
                .setHouseNumber(Integer.toString(1 + r.nextInt(150)))
                .setPostcode(postcode(r.nextInt(20), r.nextInt(26), r.nextInt(26)))
                .setCity("Heerlen")
                .setPhone("06-" + (20_000_000 + r.nextInt(9_000_000)))
                .setEmail("bewoner" + r.nextInt(100_000) + "@example.invalid")
                .build();
    }

    /** The next BSN of the sequence, skipping the seeds that have no valid check digit (so no BSN repeats early). */
    static String nextBsn() {
        return bsnFrom(SEQUENCE, 0, NEVER_CONSENTING_FROM);
    }

    static String neverConsentingBsn() {
        return bsnFrom(NEVER_CONSENTING_SEQUENCE, NEVER_CONSENTING_FROM, 10_000);
    }

    /** The next BSN of a sequence over the seeds {@code from} (inclusive) to {@code until} (exclusive). */
    private static String bsnFrom(AtomicInteger sequence, int from, int until) {
        while (true) {
            int seed = from + Math.floorMod(sequence.getAndIncrement(), until - from);
            if (SyntheticBsn.hasOwnBsn(seed)) {
                return SyntheticBsn.of(seed);
            }
        }
    }

    /** A Heerlen-area postcode in the "6411 AB" form, avoiding the letter pairs that are not issued. */
    static String postcode(int number, int first, int second) {
        String letters = "" + (char) ('A' + first % 26) + (char) ('A' + second % 26);
        if (UNUSED_LETTERS.contains(letters)) {
            letters = "AB";
        }
        return (6411 + number % 20) + " " + letters;
    }
}
