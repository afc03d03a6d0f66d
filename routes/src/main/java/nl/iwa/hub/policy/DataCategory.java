package nl.iwa.hub.policy;

import java.util.List;
import java.util.stream.Stream;

/** Categories of personal data; consents are scoped by them. */
public enum DataCategory {
    IDENTITY,
    ADDRESS,
    CONTACT,
    FINANCIAL,
    INCOME,
    PARTICIPATION,
    WELLBEING,
    MEDICAL,
    FREE_TEXT;

    private static final List<String> NAMES = Stream.of(values()).map(Enum::name).toList();

    public static List<String> names() {
        return NAMES;
    }
}
