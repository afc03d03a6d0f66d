package nl.iwa.hub.policy;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.iwa.hub.contract.common.CaseFacts;
import nl.iwa.hub.contract.common.Subject;
import org.apache.avro.Schema;

/**
 * Every field a policy can allow, as {@code subject.<field>} or {@code facts.<field>}, with its data category.
 * Built from the Avro schemas so that a new contract field cannot be forgotten: an uncategorised field fails
 * the catalogue's unit test.
 */
public final class FieldCatalogue {

    public static final String SUBJECT = "subject";
    public static final String FACTS = "facts";

    private static final Map<String, DataCategory> CATEGORIES = build();

    private FieldCatalogue() {
    }

    private static Map<String, DataCategory> build() {
        Map<String, DataCategory> byName = Map.ofEntries(
                Map.entry("bsn", DataCategory.IDENTITY),
                Map.entry("givenName", DataCategory.IDENTITY),
                Map.entry("familyName", DataCategory.IDENTITY),
                Map.entry("birthDate", DataCategory.IDENTITY),
                Map.entry("street", DataCategory.ADDRESS),
                Map.entry("houseNumber", DataCategory.ADDRESS),
                Map.entry("postcode", DataCategory.ADDRESS),
                Map.entry("city", DataCategory.ADDRESS),
                Map.entry("phone", DataCategory.CONTACT),
                Map.entry("email", DataCategory.CONTACT),
                Map.entry("arrearsMonths", DataCategory.FINANCIAL),
                Map.entry("arrearsAmountCents", DataCategory.FINANCIAL),
                Map.entry("benefitType", DataCategory.INCOME),
                Map.entry("benefitEndDate", DataCategory.INCOME),
                Map.entry("trajectoryCode", DataCategory.PARTICIPATION),
                Map.entry("missedAppointments", DataCategory.PARTICIPATION),
                Map.entry("concernCodes", DataCategory.WELLBEING),
                Map.entry("medicalDetail", DataCategory.MEDICAL),
                Map.entry("freeText", DataCategory.FREE_TEXT));
        Map<String, DataCategory> result = new TreeMap<>();
        add(result, SUBJECT, Subject.getClassSchema(), byName);
        add(result, FACTS, CaseFacts.getClassSchema(), byName);
        return Map.copyOf(result);
    }

    private static void add(Map<String, DataCategory> out, String block, Schema schema, Map<String, DataCategory> byName) {
        for (Schema.Field f : schema.getFields()) {
            DataCategory category = byName.get(f.name());
            if (category == null) {
                throw new IllegalStateException("contract field " + block + "." + f.name() + " has no data category");
            }
            out.put(block + "." + f.name(), category);
        }
    }

    public static boolean isKnown(String fieldPath) {
        return CATEGORIES.containsKey(fieldPath);
    }

    public static DataCategory categoryOf(String fieldPath) {
        DataCategory c = CATEGORIES.get(fieldPath);
        if (c == null) {
            throw new IllegalArgumentException("unknown field " + fieldPath);
        }
        return c;
    }

    public static Set<DataCategory> categoriesOf(Collection<String> fieldPaths) {
        Set<DataCategory> out = EnumSet.noneOf(DataCategory.class);
        fieldPaths.forEach(f -> out.add(categoryOf(f)));
        return out;
    }

    public static Set<String> allFields() {
        return CATEGORIES.keySet();
    }
}
