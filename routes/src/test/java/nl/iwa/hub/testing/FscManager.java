package nl.iwa.hub.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import nl.iwa.hub.testkit.pki.IssuedCertificate;
import nl.iwa.hub.testkit.pki.ThrowawayCa;

/**
 * An FSC Manager as far as the hub sees one: a signing certificate (issued by a throwaway CA, EC P-256, as FSC allows
 * ES256) and access tokens shaped as FSC Core specifies (gth, gid, sub, iss, svc, aud, exp, nbf, cnf.x5t#S256),
 * signed with the x5t#S256 JOSE header naming the certificate. {@link #forger()} is another Manager of the same
 * name whose certificate the hub was not given.
 */
public final class FscManager {

    public static final String GROUP = "fsc-test-group";
    public static final String SERVICE = "iwa-hub-connect";

    private final IssuedCertificate signing;
    private final String providerOin;

    public FscManager(ThrowawayCa ca, String providerOin) {
        this.providerOin = providerOin;
        this.signing = ca.issue(ThrowawayCa.partnerSubject("fsc-manager", "IWA Hub beheer", providerOin), List.of(), List.of());
    }

    public FscManager forger() {
        return new FscManager(ThrowawayCa.create("forger's CA"), providerOin);
    }

    /** The Manager's signing certificate as PEM, for iwa.connectors.fsc.manager-certificates. */
    public Path writeCertificate(Path file) throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(signing.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Files.createDirectories(file.getParent());
        return Files.writeString(file, pem);
    }

    public java.security.cert.X509Certificate certificate() {
        return signing.certificate();
    }

    /** A good token for a consumer Peer: valid for five minutes, bound to an Outway certificate. */
    public JWTClaimsSet.Builder claims(String consumerOin) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .claim("gth", "$1$3$c2VydmljZS1jb25uZWN0aW9uLWdyYW50LWhhc2g")
                .claim("gid", GROUP)
                .subject(consumerOin)
                .issuer(providerOin)
                .claim("svc", SERVICE)
                .audience("https://inway.hub.example.nl:443")
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("cnf", Map.of("x5t#S256", "DpAyDYakmVAQ4oOJC3UYLRk_ONRCqMj00TeGJemMiLA"));
    }

    public String sign(JWTClaimsSet claims) {
        return sign(claims, true);
    }

    public String sign(JWTClaimsSet claims, boolean withThumbprintHeader) {
        try {
            JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256);
            if (withThumbprintHeader) {
                header.x509CertSHA256Thumbprint(thumbprint(signing.certificate()));
            }
            SignedJWT jwt = new SignedJWT(header.build(), claims);
            jwt.sign(new ECDSASigner((ECPrivateKey) signing.key()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As a forger would: its own key, but the hub's Manager's certificate named in the header. */
    public String signPretendingToBe(FscManager real, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                    .x509CertSHA256Thumbprint(thumbprint(real.signing.certificate())).build(), claims);
            jwt.sign(new ECDSASigner((ECPrivateKey) signing.key()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static Base64URL thumbprint(java.security.cert.X509Certificate certificate) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
