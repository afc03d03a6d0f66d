package nl.iwa.hub.access;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import nl.iwa.hub.partners.KafkaIdentity;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;

/**
 * The broker's {@code ssl.principal.mapping.rules}: a certificate whose subject carries a partner's OIN (and
 * its CN, where set) becomes that partner's principal, the partner id. Kafka renders a subject in RFC 2253 form,
 * where the serialNumber attribute (OID 2.5.4.5) has no keyword and appears as {@code 2.5.4.5=#} followed by its
 * DER encoding in hex: tag 13 (PrintableString, as PKIoverheid prescribes; 0c for UTF8String is accepted too),
 * length 14 (20 bytes), then the OIN's ASCII digits. Any other certificate keeps its full subject as principal
 * (the last rule, DEFAULT), which no ACL names: it is authenticated and allowed nothing.
 * <p>
 * An attribute is matched only at the start of the subject or after an unescaped comma, so a CN whose value
 * contains ",2.5.4.5=#..." (rendered with an escaped comma) cannot pose as another attribute.
 */
public final class PrincipalMappingRules {

    private PrincipalMappingRules() {
    }

    public static String of(PartnerDirectory partners, HubAccount hub) {
        Map<String, String> principalBySubject = new HashMap<>();
        List<String> rules = new ArrayList<>();
        if (hub.identity().usesCertificate()) {
            rules.add(rule(hub.identity(), hub.principal(), principalBySubject));
        }
        for (Partner p : partners.all()) {
            if (p.kafka().usesCertificate()) {
                rules.add(rule(p.kafka(), p.id(), principalBySubject));
            }
        }
        rules.add("DEFAULT");
        return String.join(",", rules);
    }

    private static String rule(KafkaIdentity identity, String principal, Map<String, String> principalBySubject) {
        String subject = identity.oin() + "/" + (identity.commonName() == null ? "" : identity.commonName());
        String other = principalBySubject.putIfAbsent(subject, principal);
        if (other != null) {
            throw new IllegalArgumentException("'" + principal + "' and '" + other + "' would be recognised by the same certificate"
                    + " subject (OIN and CN): give each a CN of its own");
        }
        StringBuilder pattern = new StringBuilder("^");
        if (identity.commonName() != null) {
            pattern.append(attribute("CN=" + identity.commonName().replace(".", "\\.")));
        }
        String hex = HexFormat.of().formatHex(identity.oin().getBytes(StandardCharsets.US_ASCII));
        pattern.append(attribute("2\\.5\\.4\\.5=#(?i:(?:13|0c)14" + hex + ")"));
        pattern.append(".*$");
        return "RULE:" + pattern + "/" + principal + "/";
    }

    /** A lookahead: the attribute stands at the start or after an unescaped comma, and ends at a comma or the end. */
    private static String attribute(String attributeRegex) {
        return "(?=(?:.*(?<!\\\\),)?" + attributeRegex + "(?:,.*)?$)";
    }
}
