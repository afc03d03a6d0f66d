package nl.iwa.hub.partners;

/**
 * How the broker recognises a partner. With {@link KafkaAuthentication#MTLS} the certificate's subject must
 * carry {@code oin} in its serialNumber attribute (as PKIoverheid certificates do) and, where set, {@code commonName}
 * as its CN: a municipality's support and enforcement units share one OIN, so the CN tells them apart. With
 * {@link KafkaAuthentication#SCRAM} the SCRAM username is the partner id. Either way the broker's principal is
 * the partner id, and that is what the ACLs name.
 */
public record KafkaIdentity(KafkaAuthentication authentication, String oin, String commonName) {

    public static final KafkaIdentity SCRAM = new KafkaIdentity(KafkaAuthentication.SCRAM, null, null);

    public boolean usesCertificate() {
        return authentication == KafkaAuthentication.MTLS;
    }
}
