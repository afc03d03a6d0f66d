package nl.iwa.hub.testkit.residents;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import nl.iwa.hub.contract.common.Subject;

/**
 * Invented residents for the tests, the demo partners and the benchmark: BSNs from the 9999xxxxx range, which is not
 * issued to people, that pass the 11-test ({@link SyntheticBsn}); names, streets and numbers made up and carrying
 * the resident's seed, so that each resident's personal values are its own (a leak check finds exactly whose).
 * Never real data.
 */
public final class SyntheticResidents {

    private static final String[] GIVEN = {"Annelies", "Huub", "Mieke", "Ramon", "Anouk", "Bram", "Esra", "Ilias"};
    private static final String[] FAMILY = {"Vermeulen-Testpersoon", "Janssen-Proefdata", "Bakker-Fictief", "Smeets-Synthetisch"};
    private static final String[] STREET = {"Proefstraat", "Testlaan", "Voorbeeldweg", "Fictieplein"};
    /** Letter pairs the Dutch postcode system does not issue. */
    private static final Set<String> UNUSED_LETTERS = Set.of("SA", "SD", "SS");

    /**
     * Seeds from here up to 9999 are kept for residents who never give consent: the cases that the hub must block
     * for lack of one. The sequences wrap (some 8,000 and 900 distinct BSNs), and a long run (the benchmark sends
     * hundreds of thousands of cases) would otherwise give a "consent forgotten" case a resident whose consent
     * was recorded by an earlier case, which the hub then rightly delivers.
     */
    static final int NEVER_CONSENTING_FROM = 9_000;

    /**
     * Each call gets a resident of its own (some 8,000 distinct BSNs before the sequence wraps), so that a consent
     * recorded in one case or test never makes another lawful by accident. A random start: runs against a broker
     * that kept an earlier run's consents do not begin with that run's residents.
     */
    private static final AtomicInteger SEQUENCE = new AtomicInteger(ThreadLocalRandom.current().nextInt(NEVER_CONSENTING_FROM));
    private static final AtomicInteger NEVER_CONSENTING_SEQUENCE =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(10_000 - NEVER_CONSENTING_FROM));

    /** Seeds of the residents without a BSN: they do not repeat in a run, however long. */
    private static final java.util.concurrent.atomic.AtomicLong WITHOUT_BSN_SEQUENCE =
            new java.util.concurrent.atomic.AtomicLong(10_000L + ThreadLocalRandom.current().nextInt(1_000_000_000));

    private SyntheticResidents() {
    }

    /**
     * A resident known without a BSN, by given name, family name, birth date and postcode (as the hub accepts, after
     * DDAS), new with every call: for workloads that need more residents than there are synthetic BSNs (about
     * 9,000). The family name carries the seed in letters (the hub identifies by the letters of a name, not its
     * digits), so no two are alike to the hub; the values are as made up as {@link #next()}'s.
     */
    public static Subject withoutBsn() {
        long seed = WITHOUT_BSN_SEQUENCE.getAndIncrement();
        int small = (int) (seed % 1_000_000);
        return Subject.newBuilder()
                .setGivenName(GIVEN[small % GIVEN.length])
                .setFamilyName(FAMILY[small % FAMILY.length] + "-" + letters(seed))
                .setBirthDate(LocalDate.of(1950 + small % 55, 1 + small % 12, 1 + small % 28))
                .setStreet(STREET[small % STREET.length] + seed)
                .setHouseNumber(Integer.toString(small % 150 + 1))
                .setPostcode(postcode(small % 20, small % 26, small / 26 % 26))
                .setCity("Heerlen")
                .build();
    }

    /** A new resident, who may give consent. */
    public static Subject next() {
        return resident(nextSeed(SEQUENCE, 0, NEVER_CONSENTING_FROM));
    }

    /** A resident for whom no case ever records a consent (if callers record consents only for {@link #next()}'s). */
    public static Subject neverConsenting() {
        return resident(nextSeed(NEVER_CONSENTING_SEQUENCE, NEVER_CONSENTING_FROM, 10_000));
    }

    /** Every personal value of the subject, for leak checks. */
    public static List<String> personalValues(Subject s) {
        return Stream.of(s.getBsn(), s.getGivenName(), s.getFamilyName(), s.getStreet(), s.getPostcode(), s.getPhone(), s.getEmail())
                .filter(Objects::nonNull).toList();
    }

    private static Subject resident(int seed) {
        return Subject.newBuilder()
                .setBsn(SyntheticBsn.of(seed))
                .setGivenName(GIVEN[seed % GIVEN.length] + seed)
                .setFamilyName(FAMILY[seed % FAMILY.length] + seed)
                .setBirthDate(LocalDate.of(1950 + seed % 55, 1 + seed % 12, 1 + seed % 28))
                .setStreet(STREET[seed % STREET.length] + seed)
                .setHouseNumber(Integer.toString(seed % 150 + 1))
                .setPostcode(postcode(seed % 20, seed % 26, seed / 26 % 26))
                .setCity("Heerlen")
                .setPhone("06-" + (20_000_000 + seed))
                .setEmail("bewoner" + seed + "@example.invalid")
                .build();
    }

    /** The seed in letters, lowest first: 0 → "a", 27 → "bb". */
    static String letters(long seed) {
        StringBuilder out = new StringBuilder();
        long rest = seed;
        do {
            out.append((char) ('a' + rest % 26));
            rest /= 26;
        } while (rest > 0);
        return out.toString();
    }

    /**
     * The next seed of a sequence over {@code from} (inclusive) to {@code until} (exclusive) that has a BSN of its
     * own (skipping the others, so no BSN repeats before the sequence wraps).
     */
    static int nextSeed(AtomicInteger sequence, int from, int until) {
        while (true) {
            int seed = from + Math.floorMod(sequence.getAndIncrement(), until - from);
            if (SyntheticBsn.hasOwnBsn(seed)) {
                return seed;
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
