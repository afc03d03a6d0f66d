package nl.iwa.hub.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.transport.RegistryAccount;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Everything the hub reads from its configuration (application.yaml, environment IWA_*). */
@ConfigurationProperties(prefix = "iwa")
public record HubProperties(
        @DefaultValue Files config,
        @DefaultValue Topics topics,
        @DefaultValue Kafka kafka,
        @DefaultValue Intake intake,
        @DefaultValue RegistryAccount registry,
        @DefaultValue Pseudonym pseudonym,
        @DefaultValue Security security,
        @DefaultValue Audit audit) {

    /** The reviewed partner and policy files. */
    public record Files(@DefaultValue("ops/config/partners.yaml") Path partners,
                        @DefaultValue("ops/config/policies.yaml") Path policies) {
    }

    /**
     * {@code transactionalId} must be unique per running hub: a hub starting with it fences the one before.
     * {@code clientConfig} is a Kafka client properties file with the hub's own credentials (mutual TLS or
     * SCRAM); without one the hub refuses to start unless {@code allowPlaintext} (an open development broker).
     */
    public record Kafka(@DefaultValue("localhost:9092") String bootstrapServers,
                        @DefaultValue("iwa-hub") String groupId,
                        @DefaultValue("iwa-hub-1") String transactionalId,
                        Path clientConfig,
                        @DefaultValue("false") boolean allowPlaintext) {
    }

    /**
     * The intake topology (docs/engine-design.md), which re-keys each outbox record by its resident onto the decide
     * topic. {@code updateWait} bounds how long a status update waits for its handoff to be known before it is decided
     * without it. {@code commitInterval} is how often the intake and decide topologies commit: what they wrote is
     * visible only then, so it adds up to that much to the latency; shorter means more, smaller transactions.
     * {@code decideThreads} is how many stream threads of this hub decide: its partitions of the decide topic are
     * spread over them, so a hub with the cores for it decides on more than one.
     * ({@code iwa.intake.rekeyed} is gone: a hub set to false refuses to start, see {@link RemovedSettings}.)
     */
    public record Intake(@DefaultValue("60s") java.time.Duration updateWait,
                         @DefaultValue("100ms") java.time.Duration commitInterval,
                         @DefaultValue("1") int decideThreads) {
    }

    /**
     * The configured local users of the hub's APIs; a user without a password is not created. Passwords come
     * from the environment (IWA_PRIVACY_OFFICER_PASSWORD, IWA_OPS_PASSWORD, IWA_STEERING_GROUP_PASSWORD), never from the repository.
     */
    public record Security(String privacyOfficerPassword, String opsPassword, String steeringGroupPassword) {
    }

    /**
     * Sealing the audit trail (see docs/privacy.md): the hub's Ed25519 key from a PKCS#8 PEM file
     * ({@code signingKeyFile}) or from a key store ({@code keystoreType} PKCS12 with {@code keystore}, or PKCS11
     * without, {@code keyAlias}, the password in {@code keystorePasswordFile}); never from the environment.
     * {@code trustedPublicKeys}: PEM files of keys used before a rotation. A checkpoint every
     * {@code checkpointInterval} (the record count the classic engine also checkpointed by went with it). {@code acceptBrokenTrailHead}: the
     * Merkle root of the chain heads of a trail that does not verify (the refusal names it), which an operator has
     * investigated and lets the hub continue.
     */
    public record Audit(Path signingKeyFile,
                        String keystoreType,
                        Path keystore,
                        String keyAlias,
                        Path keystorePasswordFile,
                        java.util.List<Path> trustedPublicKeys,
                        @DefaultValue("1h") java.time.Duration checkpointInterval,
                        String acceptBrokenTrailHead) {

        public java.util.List<Path> trustedPublicKeysOrNone() {
            return trustedPublicKeys == null ? java.util.List.of() : trustedPublicKeys;
        }
    }

    /** The HMAC key for pseudonyms: from the environment (IWA_PSEUDONYM_KEY), never from the repository. */
    public record Pseudonym(String key) {
    }
}
