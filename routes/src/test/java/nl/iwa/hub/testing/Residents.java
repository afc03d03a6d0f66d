package nl.iwa.hub.testing;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.testkit.residents.SyntheticBsn;

/**
 * Synthetic residents for tests: BSNs from the 9999xxxxx range (not issued to people) that pass the 11-test,
 * with invented names and addresses. Each call gives a new resident, so tests never share a subject.
 */
public final class Residents {

    private static final AtomicInteger SEQ = new AtomicInteger(10_000);
    private static final String[] FAMILY = {"Vermeulen-Testpersoon", "Janssen-Proefdata", "Bakker-Fictief", "Smeets-Synthetisch"};
    private static final String[] GIVEN = {"Annelies", "Huub", "Mieke", "Ramon"};
    private static final String[] STREET = {"Proefstraat", "Testlaan", "Voorbeeldweg", "Fictieplein"};

    private Residents() {
    }

    public static Subject next() {
        int n = SEQ.incrementAndGet();
        // a seed whose check digit would be 10 gives the next seed's BSN: skip it, or two residents share a BSN
        while (!SyntheticBsn.hasOwnBsn(n)) {
            n = SEQ.incrementAndGet();
        }
        return Subject.newBuilder()
                .setBsn(bsn(n))
                .setGivenName(GIVEN[n % GIVEN.length] + n)
                .setFamilyName(FAMILY[n % FAMILY.length] + n)
                .setBirthDate(LocalDate.of(1960 + n % 40, 1 + n % 12, 1 + n % 28))
                .setStreet(STREET[n % STREET.length] + n)
                .setHouseNumber(Integer.toString(n % 200 + 1))
                .setPostcode("6411 " + (char) ('A' + n % 20) + (char) ('B' + n % 20))
                .setCity("Heerlen")
                .setPhone("06-" + (10_000_000 + n))
                .setEmail("resident" + n + "@example.invalid")
                .build();
    }

    /** A synthetic BSN (9999xxxxx, passing the 11-test): the same generator the demo partners use. */
    public static String bsn(int seed) {
        return SyntheticBsn.of(seed);
    }

    /** Every personal value of the subject, for leak checks. */
    public static java.util.List<String> personalValues(Subject s) {
        return java.util.stream.Stream.of(s.getBsn(), s.getGivenName(), s.getFamilyName(), s.getStreet(),
                        s.getPostcode(), s.getPhone(), s.getEmail())
                .filter(java.util.Objects::nonNull).toList();
    }
}
