package nl.iwa.hub.connectors.files;

import java.util.Locale;
import java.util.Optional;

/**
 * The columns of a batch file, named after the attributes of the client in the VNG/GEMMA "Model Vroegsignalering"
 * (Burgerservicenummer, Voorletters, Voorvoegsel, Achternaam, Geboortedatum, Straatnaam, Huisnummer,
 * Huisnummertoevoeging, Postcode, Plaatsnaam), plus the two facts of the signal, for which that model gives no
 * column name: {@code bedrag_achterstand} and {@code datum_start_achterstand}. Header names match ignoring case,
 * spaces, hyphens and underscores; {@code bsn} is accepted for {@code burgerservicenummer}.
 */
public enum ArrearsColumn {
    BSN("burgerservicenummer", "bsn"),
    INITIALS("voorletters"),
    PREFIX("voorvoegsel"),
    FAMILY_NAME("achternaam"),
    BIRTH_DATE("geboortedatum"),
    STREET("straatnaam", "straat"),
    HOUSE_NUMBER("huisnummer"),
    HOUSE_NUMBER_ADDITION("huisnummertoevoeging", "toevoeging"),
    POSTCODE("postcode"),
    CITY("plaatsnaam", "woonplaats"),
    AMOUNT("bedrag_achterstand"),
    ARREARS_START("datum_start_achterstand");

    private final String header;
    private final String[] aliases;

    ArrearsColumn(String header, String... aliases) {
        this.header = header;
        this.aliases = aliases;
    }

    /** The name the documentation and the example files use. */
    public String header() {
        return header;
    }

    public static Optional<ArrearsColumn> of(String headerName) {
        String wanted = normalise(headerName);
        for (ArrearsColumn c : values()) {
            if (normalise(c.header).equals(wanted)) {
                return Optional.of(c);
            }
            for (String alias : c.aliases) {
                if (normalise(alias).equals(wanted)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    private static String normalise(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
    }
}
