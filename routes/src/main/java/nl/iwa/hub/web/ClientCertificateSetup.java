package nl.iwa.hub.web;

import java.util.ArrayList;
import java.util.List;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.policy.InvalidConfigurationException;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;

/**
 * Refuses a start where client certificates are half set up, naming what to set: partners that authenticate by
 * certificate ({@code connectors.rest.certificateOin}) or an FSC Inway need the hub to serve HTTPS itself
 * ({@code server.ssl.*}), to ask for client certificates ({@code server.ssl.client-auth: want}) and to trust only
 * the client CA(s) it is given (a trust store in the server's SSL bundle). Asking without a trust store of its own
 * would leave the choice of CAs to the JDK's defaults; a trust store without asking does nothing; both are refused.
 */
public final class ClientCertificateSetup {

    private ClientCertificateSetup() {
    }

    public static void check(ServerProperties server, SslBundles bundles, PartnerDirectory partners, FscProperties fsc) {
        List<String> problems = new ArrayList<>(fsc.problems());
        List<String> byCertificate = partners.all().stream()
                .filter(p -> p.connectors() != null && p.connectors().rest() != null
                        && p.connectors().rest().certificateOin() != null && !p.connectors().rest().certificateOin().isBlank())
                .map(Partner::id).toList();
        if (fsc.enabled()) {
            partners.all().stream()
                    .filter(p -> byCertificate.contains(p.id()) && fsc.inwayOin().equals(p.connectors().rest().certificateOin()))
                    .forEach(p -> problems.add("iwa.connectors.fsc.inway-oin: partner '" + p.id()
                            + "' has the Inway's OIN as its certificateOin; the Inway is no partner"));
        }
        Ssl ssl = server.getSsl();
        boolean https = ssl != null && ssl.isEnabled()
                && (ssl.getBundle() != null || ssl.getKeyStore() != null || ssl.getCertificate() != null);
        Ssl.ClientAuth clientAuth = https && ssl.getClientAuth() != null ? ssl.getClientAuth() : Ssl.ClientAuth.NONE;
        boolean asks = clientAuth != Ssl.ClientAuth.NONE;
        boolean trustStore = https && (ssl.getBundle() != null
                ? bundles.getBundle(ssl.getBundle()).getStores().getTrustStore() != null
                : ssl.getTrustStore() != null || ssl.getTrustCertificate() != null);
        String needs = !byCertificate.isEmpty() ? "partners " + byCertificate + " authenticate by client certificate (connectors.rest.certificateOin)"
                : fsc.enabled() ? "an FSC Inway is configured (iwa.connectors.fsc.inway-oin)" : null;
        if (needs != null && !https) {
            problems.add("server.ssl: " + needs + ", so the hub must serve HTTPS itself (server.ssl.bundle); "
                    + "a proxy that terminates TLS cannot pass the certificate on");
        } else if (needs != null && !asks) {
            problems.add("server.ssl.client-auth: " + needs + ", so set it to 'want'");
        }
        if (asks && !trustStore) {
            problems.add("server.ssl.client-auth is '" + clientAuth.name().toLowerCase()
                    + "' but the server's SSL bundle has no trust store: name the client CA(s) "
                    + "(spring.ssl.bundle.pem.<bundle>.truststore.certificate)");
        }
        if (https && trustStore && !asks) {
            problems.add("server.ssl.client-auth: the server's SSL bundle has a trust store for client certificates, "
                    + "but the hub does not ask for them; set 'want' (or remove the trust store)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }
}
