package nl.iwa.hub.partners;

/** How a partner proves who it is to the broker. */
public enum KafkaAuthentication {
    /** Mutual TLS with the organisation's (PKIoverheid-style) certificate; the OIN in its subject names the partner. */
    MTLS,
    /** SASL/SCRAM-SHA-512 with a username equal to the partner id, for partners without a certificate. */
    SCRAM
}
