package nl.iwa.hub.ops.demo;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import nl.iwa.hub.contract.common.Subject;

/**
 * Invented residents for the demo: BSNs from the 9999xxxxx range, which is not issued to people, that pass
 * the 11-test; names, streets and numbers made up. Never real data.
 */
public final class SyntheticResidents {

    private static final String[] GIVEN = {"Anouk", "Bram", "Chantal", "Dennis", "Esra", "Fenna", "Gijs", "Hanna", "Ilias", "Joyce"};
    private static final String[] FAMILY = {"Demo-Janssen", "Demo-Smeets", "Demo-Hermans", "Demo-Peeters", "Demo-Willems", "Demo-Bos"};
    private static final String[] STREET = {"Demostraat", "Proeflaan", "Oefenweg", "Voorbeeldplein"};

    private SyntheticResidents() {
    }

    public static Subject next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return Subject.newBuilder()
                .setBsn(bsn(r.nextInt(10_000)))
                .setGivenName(GIVEN[r.nextInt(GIVEN.length)])
                .setFamilyName(FAMILY[r.nextInt(FAMILY.length)])
                .setBirthDate(LocalDate.of(1950 + r.nextInt(55), 1 + r.nextInt(12), 1 + r.nextInt(28)))
                .setStreet(STREET[r.nextInt(STREET.length)])
                .setHouseNumber(Integer.toString(1 + r.nextInt(150)))
                .setPostcode((6411 + r.nextInt(20)) + " " + (char) ('A' + r.nextInt(18)) + (char) ('A' + r.nextInt(18)))
                .setCity("Heerlen")
                .setPhone("06-" + (20_000_000 + r.nextInt(9_000_000)))
                .setEmail("bewoner" + r.nextInt(100_000) + "@example.invalid")
                .build();
    }

    /** A 9-digit number 9999nnnnc passing the 11-test; seeds whose check digit would be 10 move on. */
    public static String bsn(int seed) {
        for (int s = seed; ; s++) {
            String head = "9999" + String.format("%04d", s % 10_000);
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (9 - i) * (head.charAt(i) - '0');
            }
            int check = sum % 11;
            if (check <= 9) {
                return head + check;
            }
        }
    }
}
