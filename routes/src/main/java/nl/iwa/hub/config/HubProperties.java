package nl.iwa.hub.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Everything the hub reads from its configuration (application.yaml, environment IWA_*). */
@ConfigurationProperties(prefix = "iwa")
public record HubProperties(
        @DefaultValue Files config,
        @DefaultValue Topics topics,
        @DefaultValue Kafka kafka,
        @DefaultValue Intake intake,
        @DefaultValue Registry registry,
        @DefaultValue Pseudonym pseudonym,
        @DefaultValue Security security,
        @DefaultValue Audit audit) {

    /** The reviewed partner and policy files. */
    public record Files(@DefaultValue("ops/config/partners.yaml") Path partners,
                        @DefaultValue("ops/config/policies.yaml") Path policies) {
    }

    /**
     * Topic names: partner topics are {@code <prefix>.<partnerId>.outbox|inbox}. Outboxes and the dead-letter
     * topic hold records as the partners wrote them, before minimisation: they keep them only as long as a hub
     * outage or an ops replay can need them ({@code outboxRetentionMs}, 3 days by default, covers a weekend;
     * {@code deadLetterRetentionMs}, 7 days, a working week to replay).
     */
    public record Topics(@DefaultValue("iwa") String prefix,
                         @DefaultValue("iwa.hub.audit") String audit,
                         @DefaultValue("iwa.hub.consent") String consent,
                         @DefaultValue("iwa.hub.handoffs") String handoffs,
                         @DefaultValue("iwa.hub.dlq") String deadLetter,
                         @DefaultValue("3") int partnerTopicPartitions,
                         @DefaultValue("1") short replicationFactor,
                         @DefaultValue("-1") long auditRetentionMs,
                         @DefaultValue("259200000") long outboxRetentionMs,
                         @DefaultValue("604800000") long deadLetterRetentionMs) {

        /** The default names and settings under another prefix: {@code <prefix>.hub.audit} and so on. */
        public static Topics withPrefix(String prefix) {
            return new Topics(prefix, prefix + ".hub.audit", prefix + ".hub.consent", prefix + ".hub.handoffs",
                    prefix + ".hub.dlq", 3, (short) 1, -1, 259_200_000L, 604_800_000L);
        }

        /** The audit trail's signed seals (heads and checkpoints), beside the trail: {@code <audit>.seals}. */
        public String auditSeals() {
            return audit + ".seals";
        }

        /**
         * The file batch intake's progress per file ({@code <prefix>.hub.files}, compacted, key = the file's SHA-256):
         * written in the same transaction as the signals of each chunk, so a restart resumes where the last commit
         * ended.
         */
        public String fileIntake() {
            return prefix + ".hub.files";
        }

        /** The REST ingress's receipts (see the connectors' RestReceipts): {@code <prefix>.hub.connect.receipts}. */
        public String connectReceipts() {
            return prefix + ".hub.connect.receipts";
        }

        public String outbox(String partnerId) {
            return prefix + "." + partnerId + ".outbox";
        }

        public String inbox(String partnerId) {
            return prefix + "." + partnerId + ".inbox";
        }

        /** The partner id of an outbox topic name, or null if the name is not an outbox of this prefix. */
        public String outboxOwner(String topic) {
            String head = prefix + ".";
            String tail = ".outbox";
            if (topic == null || !topic.startsWith(head) || !topic.endsWith(tail) || topic.length() <= head.length() + tail.length()) {
                return null;
            }
            return topic.substring(head.length(), topic.length() - tail.length());
        }
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
     * How outbox records are batched: the records of a batch are decided in order and written in one
     * transaction. {@code maxBatch} caps its size; a batch is closed at the latest {@code batchWaitMs} after
     * the previous one, which bounds what batching adds to the latency.
     */
    public record Intake(@DefaultValue("500") int maxBatch,
                         @DefaultValue("10") int batchWaitMs) {
    }

    /**
     * The schema registry's native API and the hub's account there: the hub alone registers schemas and sets the
     * compatibility rule; partners read anonymously. Without a user name the hub connects anonymously (a registry
     * open to writes, for development). The password comes from the environment (IWA_REGISTRY_PASSWORD).
     */
    public record Registry(@DefaultValue("http://localhost:8081/apis/registry/v3") String url,
                           String username,
                           String password) {

        /** Whether the hub authenticates to the registry. */
        public boolean hasCredentials() {
            return username != null && !username.isBlank();
        }

        @Override
        public String toString() {
            return "Registry[url=" + url + ", username=" + (hasCredentials() ? username : "(anonymous)")
                    + (password == null || password.isEmpty() ? "" : ", password=***") + "]";
        }
    }

    /**
     * The configured local users of the hub's APIs; a user without a password is not created. Passwords come
     * from the environment (IWA_PRIVACY_OFFICER_PASSWORD, IWA_OPS_PASSWORD), never from the repository.
     */
    public record Security(String privacyOfficerPassword, String opsPassword) {
    }

    /**
     * Sealing the audit trail (see docs/privacy.md): the hub's Ed25519 key from a PKCS#8 PEM file
     * ({@code signingKeyFile}) or from a key store ({@code keystoreType} PKCS12 with {@code keystore}, or PKCS11
     * without, {@code keyAlias}, the password in {@code keystorePasswordFile}); never from the environment.
     * {@code trustedPublicKeys}: PEM files of keys used before a rotation. A checkpoint every
     * {@code checkpointEveryRecords} records or {@code checkpointInterval}. {@code acceptBrokenTrailHead}: the
     * head hash of a trail that does not verify, which an operator has investigated and lets the hub continue.
     */
    public record Audit(Path signingKeyFile,
                        String keystoreType,
                        Path keystore,
                        String keyAlias,
                        Path keystorePasswordFile,
                        java.util.List<Path> trustedPublicKeys,
                        @DefaultValue("10000") long checkpointEveryRecords,
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
