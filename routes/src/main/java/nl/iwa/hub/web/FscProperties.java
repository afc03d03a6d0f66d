package nl.iwa.hub.web;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The FSC Inway in front of the hub (Logius, Federatieve Service Connectiviteit, FSC Core). Off unless
 * {@code inwayOin} is set. When on, a request whose TLS client is the Inway (its certificate's serialNumber is
 * {@code inwayOin}) may carry the consumer's FSC access token in {@code Fsc-Authorization}; the hub checks that
 * token itself (see {@link FscAccessTokens}) before the consumer peer's OIN names a partner. No other client's
 * {@code Fsc-Authorization} is ever read.
 *
 * @param inwayOin            the OIN (PeerID) in the Inway's certificate; also the PeerID the hub's organisation
 *                            offers the service under, so a token's {@code iss} must equal it
 * @param groupId             the FSC Group's id; a token's {@code gid} must equal it
 * @param managerCertificates a PEM file with the certificate(s) the Manager signs access tokens with (FSC: the
 *                            Manager publishes them); a token names its key by the {@code x5t#S256} header
 * @param service             optional: the service name the hub is published under; when set, {@code svc} must equal it
 */
@ConfigurationProperties("iwa.connectors.fsc")
public record FscProperties(String inwayOin, String groupId, Path managerCertificates, String service) {

    public FscProperties {
        inwayOin = blankToNull(inwayOin);
        groupId = blankToNull(groupId);
        service = blankToNull(service);
    }

    public boolean enabled() {
        return inwayOin != null;
    }

    /** What is missing or wrong, each naming the property; empty when FSC is off or fully configured. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!enabled()) {
            if (groupId != null || managerCertificates != null || service != null) {
                problems.add("iwa.connectors.fsc.inway-oin: required when any other iwa.connectors.fsc.* is set "
                        + "(the hub reads Fsc-Authorization only from that Inway)");
            }
            return problems;
        }
        if (!inwayOin.matches("[0-9]{20}")) {
            problems.add("iwa.connectors.fsc.inway-oin: an OIN is 20 digits");
        }
        if (groupId == null) {
            problems.add("iwa.connectors.fsc.group-id: required with inway-oin (a token's gid must name the Group)");
        }
        if (managerCertificates == null) {
            problems.add("iwa.connectors.fsc.manager-certificates: required with inway-oin, a PEM file with the "
                    + "certificate(s) the FSC Manager signs access tokens with");
        } else if (!java.nio.file.Files.isReadable(managerCertificates)) {
            problems.add("iwa.connectors.fsc.manager-certificates: " + managerCertificates + " is not a readable file");
        }
        return problems;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
