package nl.iwa.hub.web;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.AuthenticationUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Who a client certificate (already verified by the TLS handshake against the hub's client trust store) is: the
 * partner whose {@code connectors.rest.certificateOin} is the certificate's OIN, as {@code partner:<id>} with role
 * PARTNER exactly like an OAuth2 client token of that partner; or the hub's FSC Inway (role FSC_INWAY, which opens
 * nothing by itself: it only lets the Inway's {@code Fsc-Authorization} be read). Any other OIN is nobody.
 */
public final class PartnerCertificates implements AuthenticationUserDetailsService<PreAuthenticatedAuthenticationToken> {

    public static final String FSC_INWAY = "FSC_INWAY";
    static final String INWAY_USER = "fsc-inway";

    /** What a certificate is to the connect API. */
    public sealed interface Caller permits PartnerCaller, Inway, Nobody {
    }

    public record PartnerCaller(String partnerId) implements Caller {
    }

    public record Inway() implements Caller {
    }

    public record Nobody() implements Caller {
    }

    private final Map<String, String> partnerByOin = new HashMap<>();
    private final String inwayOin;

    public PartnerCertificates(PartnerDirectory partners, FscProperties fsc) {
        for (Partner p : partners.all()) {
            if (p.connectors() != null && p.connectors().rest() != null && p.connectors().rest().certificateOin() != null
                    && !p.connectors().rest().certificateOin().isBlank()) {
                // partners.yaml refuses an OIN given twice, so this never decides between two partners
                partnerByOin.put(p.connectors().rest().certificateOin(), p.id());
            }
        }
        this.inwayOin = fsc.enabled() ? fsc.inwayOin() : null;
    }

    public boolean anyPartnerUsesCertificates() {
        return !partnerByOin.isEmpty();
    }

    public Optional<String> partnerOfOin(String oin) {
        return Optional.ofNullable(oin == null ? null : partnerByOin.get(oin));
    }

    public Caller of(X509Certificate certificate) {
        Optional<String> oin = CertificateOin.of(certificate);
        if (oin.isEmpty()) {
            return new Nobody();
        }
        if (oin.get().equals(inwayOin)) {
            return new Inway();
        }
        return partnerOfOin(oin.get()).<Caller>map(PartnerCaller::new).orElseGet(Nobody::new);
    }

    /** Spring Security's x509(): the principal is the OIN {@link CertificateOin} extracted. */
    @Override
    public UserDetails loadUserDetails(PreAuthenticatedAuthenticationToken token) {
        String oin = String.valueOf(token.getPrincipal());
        if (oin.equals(inwayOin)) {
            return new User(INWAY_USER, "", Set.of(new SimpleGrantedAuthority("ROLE_" + FSC_INWAY)));
        }
        // the OIN is an organisation's public number, not a secret, but it stays out of the message all the same
        String partner = partnerOfOin(oin).orElseThrow(() -> new UsernameNotFoundException("no partner has this certificate's OIN"));
        return new User(BearerTokenRoles.PARTNER_PREFIX + partner, "", Set.of(new SimpleGrantedAuthority("ROLE_" + BearerTokenRoles.PARTNER)));
    }
}
