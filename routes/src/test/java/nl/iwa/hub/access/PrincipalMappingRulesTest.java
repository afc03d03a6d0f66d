package nl.iwa.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import nl.iwa.hub.contract.common.PartnerKind;
import nl.iwa.hub.partners.KafkaAuthentication;
import nl.iwa.hub.partners.KafkaIdentity;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.partners.PartnerFunction;
import nl.iwa.hub.policy.ReviewedConfigLoader;
import nl.iwa.hub.testkit.pki.ThrowawayCa;
import org.apache.kafka.common.security.ssl.SslPrincipalMapper;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

/**
 * The principal mapping rules as Kafka's own mapper applies them to subjects as the JDK renders real
 * certificates (RFC 2253, the form the broker sees): the OIN in serialNumber, and the CN where partners share an
 * OIN, decide who a certificate is; anything else keeps its full subject, which no ACL names.
 */
class PrincipalMappingRulesTest {

    private static final ThrowawayCa CA = ThrowawayCa.create("test CA");
    private static final String MUNICIPALITY = "99999999000000917000";
    private static final String UWV = "99999999000000000123";
    private static final HubAccount HUB = new HubAccount("iwa-hub",
            new KafkaIdentity(KafkaAuthentication.MTLS, "99999999000000000999", "iwa-hub"), "iwa-hub", "iwa-hub");

    private static final PartnerDirectory PARTNERS = demoPartners();
    private static final SslPrincipalMapper MAPPER = SslPrincipalMapper.fromRules(PrincipalMappingRules.of(PARTNERS, HUB));

    private static PartnerDirectory demoPartners() {
        Path dir = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
        return new ReviewedConfigLoader().load(dir.resolve("partners.yaml"), dir.resolve("policies.yaml")).partners();
    }

    /** What the broker's principal builder gets: the subject of a certificate issued for it, as the JDK renders it. */
    private static String rendered(X500Name subject) {
        return CA.issue(subject, List.of(), List.of()).certificate().getSubjectX500Principal().getName();
    }

    private static String principal(X500Name subject) throws Exception {
        return MAPPER.getName(rendered(subject));
    }

    @Test
    void kafkaSeesTheOinAsAHexEncodedPrintableStringAttribute() {
        assertThat(rendered(ThrowawayCa.partnerSubject("iwa-uwv", "UWV Zuid-Limburg", UWV)))
                .isEqualTo("CN=iwa-uwv,2.5.4.5=#13143939393939393939303030303030303030313233,O=UWV Zuid-Limburg,C=NL");
    }

    @Test
    void aCertificateWithAPartnersOinIsThatPartner() throws Exception {
        assertThat(principal(ThrowawayCa.partnerSubject("any-system-name", "UWV", UWV))).isEqualTo("uwv-zuid-limburg");
        assertThat(principal(ThrowawayCa.partnerSubject("iwa-hub", "Hub operator", "99999999000000000999"))).isEqualTo("iwa-hub");
    }

    @Test
    void unitsOfOneOrganisationAreToldApartByTheirCommonName() throws Exception {
        assertThat(principal(ThrowawayCa.partnerSubject("iwa-wi-heerlen-support", "Gemeente Heerlen", MUNICIPALITY)))
                .isEqualTo("wi-heerlen-support");
        assertThat(principal(ThrowawayCa.partnerSubject("iwa-wi-heerlen-enforcement", "Gemeente Heerlen", MUNICIPALITY)))
                .isEqualTo("wi-heerlen-enforcement");
        assertThat(principal(ThrowawayCa.partnerSubject("iwa-socialteam-heerlen", "Gemeente Heerlen", MUNICIPALITY)))
                .isEqualTo("socialteam-heerlen");
    }

    @Test
    void aCertificateThatOnlyResemblesAPartnerIsNobody() throws Exception {
        // the organisation's OIN with a CN no partner registered
        assertThat(principal(ThrowawayCa.partnerSubject("iwa-wi-heerlen-support-2", "Gemeente Heerlen", MUNICIPALITY)))
                .startsWith("CN=iwa-wi-heerlen-support-2,");
        // a partner's CN without the OIN
        assertThat(principal(ThrowawayCa.partnerSubject("iwa-wi-heerlen-support", "Gemeente Heerlen", null)))
                .isEqualTo("CN=iwa-wi-heerlen-support,O=Gemeente Heerlen,C=NL");
        // another organisation's OIN smuggled into the CN: rendered escaped (comma, '=' and '#'), it is not an attribute
        X500Name smuggled = ThrowawayCa.partnerSubject("x,2.5.4.5=#13143939393939393939303030303030303030313233",
                "Evil BV", "99999999000000000666");
        assertThat(rendered(smuggled)).contains("CN=x\\,2.5.4.5\\=\\#1314");
        assertThat(principal(smuggled)).startsWith("CN=x\\,2.5.4.5");
        // a partner id as the CN of an unregistered organisation
        assertThat(principal(ThrowawayCa.partnerSubject("uwv-zuid-limburg", "Evil BV", "99999999000000000666")))
                .isNotEqualTo("uwv-zuid-limburg").startsWith("CN=uwv-zuid-limburg,");
    }

    @Test
    void anOinEncodedAsUtf8StringIsRecognisedToo() throws Exception {
        X500Name utf8 = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "NL").addRDN(BCStyle.O, "UWV")
                .addRDN(BCStyle.SERIALNUMBER, new DERUTF8String(UWV)).addRDN(BCStyle.CN, "iwa-uwv").build();
        assertThat(rendered(utf8)).contains("2.5.4.5=#0c14");
        assertThat(principal(utf8)).isEqualTo("uwv-zuid-limburg");
    }

    @Test
    void twoPrincipalsThatOneCertificateWouldMatchAreRefused() {
        KafkaIdentity same = new KafkaIdentity(KafkaAuthentication.MTLS, UWV, null);
        PartnerDirectory twins = new PartnerDirectory(List.of(partner("uwv-a", same), partner("uwv-b", same)));

        assertThatThrownBy(() -> PrincipalMappingRules.of(twins, HUB))
                .hasMessageContaining("'uwv-b' and 'uwv-a' would be recognised by the same certificate subject");
    }

    private static Partner partner(String id, KafkaIdentity identity) {
        return new Partner(id, PartnerKind.UWV, id, List.of(), Set.of(PartnerFunction.SUPPORT), "lead", false, null, identity);
    }
}
