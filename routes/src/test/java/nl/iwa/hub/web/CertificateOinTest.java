package nl.iwa.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.List;
import nl.iwa.hub.testkit.pki.ThrowawayCa;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

/** The OIN is the subject's one serialNumber attribute of 20 digits, read from the DER, nothing else. */
class CertificateOinTest {

    private static final ThrowawayCa CA = ThrowawayCa.create("CertificateOinTest CA");

    private static X509Certificate issued(X500Name subject) {
        return CA.issue(subject, List.of(), List.of()).certificate();
    }

    @Test
    void aPkiOverheidSubjectGivesItsOin() {
        X509Certificate certificate = issued(ThrowawayCa.partnerSubject("his.example.nl", "Huisartsenpraktijk", "99999999000000000555"));

        assertThat(CertificateOin.of(certificate)).contains("99999999000000000555");
        assertThat(new CertificateOin().extractPrincipal(certificate)).isEqualTo("99999999000000000555");
    }

    @Test
    void aUtf8EncodedSerialNumberCountsToo() {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Org")
                .addRDN(BCStyle.SERIALNUMBER, new DERUTF8String("99999999000000000555")).addRDN(BCStyle.CN, "x").build();

        assertThat(CertificateOin.of(issued(subject))).contains("99999999000000000555");
    }

    @Test
    void noSerialNumberOrNotTwentyDigitsIsNoOin() {
        assertThat(CertificateOin.of(issued(ThrowawayCa.partnerSubject("x", "Org", null)))).isEmpty();
        assertThat(CertificateOin.of(issued(ThrowawayCa.partnerSubject("x", "Org", "9999999900000000055")))).isEmpty();
        assertThat(CertificateOin.of(issued(ThrowawayCa.partnerSubject("x", "Org", "999999990000000005555")))).isEmpty();
        assertThat(CertificateOin.of(issued(ThrowawayCa.partnerSubject("x", "Org", "9999999900000000055A")))).isEmpty();
        assertThat(new CertificateOin().extractPrincipal(issued(ThrowawayCa.partnerSubject("x", "Org", null)))).isNull();
        assertThat(CertificateOin.of(null)).isEmpty();
    }

    @Test
    void anOinWrittenIntoAnotherAttributeIsNoOin() {
        // a CN that looks like the attribute in a rendered DN string: only the DER attribute 2.5.4.5 counts
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Org")
                .addRDN(BCStyle.CN, "x,SERIALNUMBER=99999999000000000555").build();

        assertThat(CertificateOin.of(issued(subject))).isEmpty();
    }

    @Test
    void twoSerialNumbersAreAmbiguousAndNoOin() {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Org")
                .addRDN(BCStyle.SERIALNUMBER, new DERPrintableString("99999999000000000555"))
                .addRDN(BCStyle.SERIALNUMBER, new DERPrintableString("99999999000000000666")).build();

        assertThat(CertificateOin.of(issued(subject))).isEmpty();
    }
}
