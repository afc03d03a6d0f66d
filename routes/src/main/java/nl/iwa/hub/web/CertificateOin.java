package nl.iwa.hub.web;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.springframework.security.web.authentication.preauth.x509.X509PrincipalExtractor;

/**
 * The organisation's OIN from a PKIoverheid (Digikoppeling, FSC) certificate: the subject's {@code serialNumber}
 * attribute (OID 2.5.4.5), 20 digits. Read from the DER-encoded subject with Bouncy Castle rather than from a
 * rendered DN string, whose form for this attribute differs between renderers ({@code 2.5.4.5=#1314...} in RFC
 * 2253, {@code SERIALNUMBER=...} elsewhere) and whose escaping a crafted subject could play with. A subject with no
 * serialNumber, more than one, or one that is not 20 digits has no OIN: it can name no partner.
 */
public final class CertificateOin implements X509PrincipalExtractor {

    private static final Pattern OIN = Pattern.compile("[0-9]{20}");

    /** For Spring Security's x509(): the OIN as the pre-authenticated principal, or null (no OIN: not authenticated). */
    @Override
    public Object extractPrincipal(X509Certificate certificate) {
        return of(certificate).orElse(null);
    }

    public static Optional<String> of(X509Certificate certificate) {
        if (certificate == null) {
            return Optional.empty();
        }
        RDN[] rdns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.SERIALNUMBER);
        if (rdns.length != 1 || rdns[0].isMultiValued()) {
            return Optional.empty();
        }
        AttributeTypeAndValue attribute = rdns[0].getFirst();
        if (!(attribute.getValue() instanceof ASN1String text)) {
            return Optional.empty();
        }
        String value = text.getString();
        return OIN.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }
}
