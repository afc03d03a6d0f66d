package nl.iwa.hub.testkit.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority that lives for one run of the local stack or one test JVM: the broker's mutual TLS
 * needs a CA, server certificates and partner client certificates, and none of those may be committed or
 * reused across runs. Everything is made in memory on {@link #create(String)} and only written where a
 * caller asks (key stores for Java clients and the broker, PEM files for kcat/librdkafka).
 *
 * <p>Keys are EC P-256 signed with SHA256withECDSA: JDK 17's default TLS settings (which Kafka 3.9 uses when
 * {@code ssl.cipher.suites} is unset) offer ECDSA suites for TLSv1.2 and TLSv1.3, and OpenSSL-based clients
 * accept them too. Only the JDK's own providers are used to generate keys and sign; BouncyCastle builds the
 * ASN.1, so no security provider is registered globally.
 *
 * <p>Partner subjects follow PKIoverheid: the organisation's OIN sits in {@code serialNumber} (2.5.4.5) as a
 * PrintableString. Kafka derives an mTLS principal from the RFC 2253 rendering of the subject, where that
 * attribute appears as {@code 2.5.4.5=#1314<hex of the digits>}; see {@link #partnerSubject}.
 */
public final class ThrowawayCa {

    /** Alias of the CA certificate in the trust store written by {@link #writeTruststore}. */
    public static final String TRUSTSTORE_ALIAS = "iwa-ca";

    private static final String KEY_ALGORITHM = "EC";
    private static final String CURVE = "secp256r1";
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    /** Backdated so that a clock a little behind on another process or machine does not reject fresh certificates. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    /** Long enough for any run of the local stack, short enough that a leaked file is soon worthless. */
    private static final Duration VALIDITY = Duration.ofDays(7);

    private final SecureRandom random;
    private final KeyPair keyPair;
    private final X509Certificate certificate;
    private final X500Name name;

    private ThrowawayCa(SecureRandom random, KeyPair keyPair, X509Certificate certificate, X500Name name) {
        this.random = random;
        this.keyPair = keyPair;
        this.certificate = certificate;
        this.name = name;
    }

    /**
     * Makes a new self-signed CA (CA=true, keyCertSign|cRLSign) valid from an hour ago until seven days from now.
     *
     * @param caCommonName the CN of the CA, shown in TLS errors and logs; make it say which run it belongs to
     */
    public static ThrowawayCa create(String caCommonName) {
        Objects.requireNonNull(caCommonName, "caCommonName");
        try {
            SecureRandom random = new SecureRandom();
            KeyPair keyPair = newKeyPair(random);
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, caCommonName).build();
            Instant now = Instant.now();
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name, serial(random), Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)),
                    name, keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
            X509Certificate certificate = sign(builder, keyPair.getPrivate());
            return new ThrowawayCa(random, keyPair, certificate, name);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create the throwaway CA", e);
        }
    }

    /**
     * A PKIoverheid-style subject {@code C=NL, O=organisation, serialNumber=oin, CN=commonName}, the OIN
     * encoded as a PrintableString as PKIoverheid does (BCStyle would choose that too; it is explicit here
     * because the principal Kafka sees depends on the exact encoding).
     *
     * @param oin the organisation's 20-digit OIN, or {@code null} for a subject without serialNumber
     */
    public static X500Name partnerSubject(String commonName, String organisation, String oin) {
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(organisation, "organisation");
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, new DERPrintableString("NL", true))
                .addRDN(BCStyle.O, new DERUTF8String(organisation));
        if (oin != null) {
            // validate=true: refuses characters a PrintableString cannot hold instead of silently re-encoding
            builder.addRDN(BCStyle.SERIALNUMBER, new DERPrintableString(oin, true));
        }
        return builder.addRDN(BCStyle.CN, new DERUTF8String(commonName)).build();
    }

    /** The CA certificate, to trust in-process without writing a file. */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Issues a certificate for a new EC key pair, usable as TLS server and client certificate (EKU serverAuth
     * and clientAuth), valid until the CA expires.
     *
     * @param subject     the subject, e.g. from {@link #partnerSubject}
     * @param dnsNames    DNS subject alternative names (host names a client checks), may be empty
     * @param ipAddresses IP subject alternative names such as {@code "127.0.0.1"}, may be empty
     */
    public IssuedCertificate issue(X500Name subject, List<String> dnsNames, List<String> ipAddresses) {
        Objects.requireNonNull(subject, "subject");
        List<GeneralName> altNames = new ArrayList<>();
        dnsNames.forEach(dns -> altNames.add(new GeneralName(GeneralName.dNSName, dns)));
        ipAddresses.forEach(ip -> altNames.add(new GeneralName(GeneralName.iPAddress, ip)));
        try {
            KeyPair keys = newKeyPair(random);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name, serial(random), Date.from(Instant.now().minus(BACKDATE)), certificate.getNotAfter(),
                    subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate));
            if (!altNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(altNames.toArray(GeneralName[]::new)));
            }
            return new IssuedCertificate(sign(builder, keyPair.getPrivate()), keys.getPrivate(), certificate);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + subject, e);
        }
    }

    /**
     * Writes a PKCS12 trust store holding only this CA (alias {@value #TRUSTSTORE_ALIAS}), for
     * {@code ssl.truststore.location} with {@code ssl.truststore.type=PKCS12}. Creates parent directories.
     */
    public void writeTruststore(Path file, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry(TRUSTSTORE_ALIAS, certificate);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, password);
            PkiFiles.write(file, bytes.toByteArray(), false);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write trust store " + file, e);
        }
    }

    /** Writes the CA certificate as PEM, for librdkafka's {@code ssl.ca.location}. Creates parent directories. */
    public void writeCaPem(Path file) {
        PkiFiles.write(file, pem(List.of(certificate)), false);
    }

    static byte[] pem(List<?> objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(KEY_ALGORITHM);
        generator.initialize(new ECGenParameterSpec(CURVE), random);
        return generator.generateKeyPair();
    }

    /** A random positive serial of at most 128 bits: unique enough that no two runs' certificates collide. */
    private static BigInteger serial(SecureRandom random) {
        BigInteger serial;
        do {
            serial = new BigInteger(128, random);
        } while (serial.signum() == 0);
        return serial;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
            throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(signingKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
