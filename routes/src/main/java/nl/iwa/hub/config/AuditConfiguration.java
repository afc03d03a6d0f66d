package nl.iwa.hub.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import nl.iwa.hub.audit.kafka.AuditIndex;
import nl.iwa.hub.audit.AuditSigningKey;
import nl.iwa.hub.audit.TrailHeads;
import nl.iwa.hub.audit.kafka.AuditTrailReader;
import nl.iwa.hub.audit.TrailVerifier;
import nl.iwa.hub.audit.TrustedKeys;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.TopicReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit trail at start-up: the signing key, and a verification of the trail and its seals before the hub adds
 * a single record (a trail that does not verify stops the hub, unless an operator accepts its current heads). The
 * decide tasks continue the chains from the heads verified ({@link EngineConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

    /** What start-up found: the chains' heads to continue from, and the problem an operator accepted, if any. */
    public record LoadedTrail(TrailHeads heads, String acceptedProblem) {
    }

    @Bean
    AuditSigningKey auditSigningKey(HubProperties props) {
        HubProperties.Audit audit = props.audit();
        if (audit.keystoreType() != null && !audit.keystoreType().isBlank()) {
            if (audit.keyAlias() == null || audit.keystorePasswordFile() == null) {
                throw new IllegalStateException("iwa.audit.keystore-type is set: iwa.audit.key-alias and "
                        + "iwa.audit.keystore-password-file are needed too");
            }
            char[] password;
            try {
                password = Files.readString(audit.keystorePasswordFile(), StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read iwa.audit.keystore-password-file (" + e.getClass().getSimpleName() + ")");
            }
            return AuditSigningKey.fromKeyStore(audit.keystoreType(), audit.keystore(), audit.keyAlias(), password);
        }
        if (audit.signingKeyFile() == null) {
            throw new IllegalStateException("iwa.audit.signing-key-file is not set: the hub signs its audit trail with an "
                    + "Ed25519 key kept outside the broker (for example: openssl genpkey -algorithm ed25519 -out "
                    + "audit-signing.pem), or from a key store (iwa.audit.keystore-type PKCS12 or PKCS11)");
        }
        return AuditSigningKey.fromPemFile(audit.signingKeyFile());
    }

    @Bean
    AuditTrailReader auditTrailReader(HubConfiguration.ProvisionedTopics provisioned, TopicReader reader, AvroCodec codec,
                                      HubProperties props, AuditSigningKey key, nl.iwa.hub.observability.HubMetrics metrics) {
        AuditTrailReader trail = new AuditTrailReader(reader, codec, props.topics().audit(), props.topics().auditSeals(),
                props.topics().auditRetentionMs(), TrustedKeys.of(key, props.audit().trustedPublicKeysOrNone()),
                v -> metrics.auditVerified(!v.blocking()));
        // the broker aborts a Kafka Streams producer's open transaction 10 s after it began (transaction.timeout.ms
        // under exactly-once), found by a check every 10 s: until then the seal topic reads only up to it
        trail.awaitSealsSettledFor(java.time.Duration.ofSeconds(30));
        return trail;
    }

    /** Verifies the whole trail before the hub continues it. */
    @Bean
    LoadedTrail loadedTrail(AuditTrailReader trailReader, HubProperties props, java.time.Clock clock) {
        TrailVerifier verifier = trailReader.verify(clock.instant());
        TrailVerifier.Verification verification = verifier.finish();
        TrailHeads heads = verifier.trailHeads();
        String accepted = null;
        if (verification.blocking()) {
            // the operator accepts the trail as it stands: all its chains' heads, named by their Merkle root
            if (!heads.root().equals(props.audit().acceptBrokenTrailHead())) {
                throw new AuditTrailBrokenException(verification.problems(), heads.root());
            }
            accepted = String.join(TrailVerifier.PROBLEM_SEPARATOR, verification.problems());
            log.warn("the audit trail does not verify and an operator accepted its heads (root {}): continuing, a "
                    + "checkpoint records the acceptance. Problems: {}", heads.root(), accepted);
        } else if (!verification.intact()) {
            log.warn("the audit trail verifies up to problems accepted before: {}", verification.accepted());
        }
        log.info("audit trail verified: {} records on {} chains, {} checkpoints", verification.records(),
                verification.chains(), verification.checkpoints());
        return new LoadedTrail(heads, accepted);
    }

    /** The privacy officer's audit search and reports, read from the audit topic when asked. */
    @Bean
    AuditIndex auditIndex(TopicReader reader, HubProperties props, AvroCodec codec) {
        return new AuditIndex(reader, props.topics().audit(), codec);
    }

    /** The trail does not verify: the hub adds nothing to a trail it cannot vouch for. */
    public static final class AuditTrailBrokenException extends IllegalStateException {

        private final java.util.List<String> problems;
        private final String head;

        AuditTrailBrokenException(java.util.List<String> problems, String head) {
            super("the audit trail does not verify: " + String.join("; ", problems));
            this.problems = java.util.List.copyOf(problems);
            this.head = head;
        }

        public java.util.List<String> problems() {
            return problems;
        }

        public String head() {
            return head;
        }
    }
}
