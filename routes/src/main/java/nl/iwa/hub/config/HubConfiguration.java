package nl.iwa.hub.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import nl.iwa.hub.handoff.WorkingDayCalendar;
import nl.iwa.hub.identity.Pseudonymiser;
import nl.iwa.hub.deadletter.DeadLetterReplay;
import nl.iwa.hub.observability.HubMetrics;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.policy.PolicyBook;
import nl.iwa.hub.policy.ReviewedConfigLoader;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.KafkaConnection;
import nl.iwa.hub.provisioning.SchemaRegistration;
import nl.iwa.hub.provisioning.TopicProvisioner;
import nl.iwa.hub.transport.TopicReader;
import nl.iwa.hub.transport.TransactionFence;
import nl.iwa.hub.transport.TransactionalPublisher;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the plain-Java decision objects from configuration; start-up fails fast on anything invalid. */
@Configuration(proxyBeanMethods = false)
public class HubConfiguration {

    @Bean
    ReviewedConfigLoader.Loaded reviewedConfig(HubProperties props) {
        return new ReviewedConfigLoader().load(props.config().partners(), props.config().policies());
    }

    @Bean
    PartnerDirectory partnerDirectory(ReviewedConfigLoader.Loaded loaded) {
        return loaded.partners();
    }

    @Bean
    PolicyBook policyBook(ReviewedConfigLoader.Loaded loaded) {
        return loaded.policies();
    }

    @Bean
    Pseudonymiser pseudonymiser(HubProperties props) {
        String key = props.pseudonym().key();
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("IWA_PSEUDONYM_KEY is not set: the hub needs a secret of at least 32 bytes "
                    + "for pseudonyms (for example: openssl rand -base64 48); keep it out of the repository");
        }
        byte[] secret;
        try {
            secret = key.startsWith("base64:")
                    ? Base64.getDecoder().decode(key.substring("base64:".length()))
                    : key.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("IWA_PSEUDONYM_KEY starts with base64: but the rest is not standard base64");
        }
        return new Pseudonymiser(secret);
    }

    /** The system clock; iwa.clock.speed above 1 makes time run faster, for demonstrations of deadlines only. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock(@org.springframework.beans.factory.annotation.Value("${iwa.clock.speed:1}") double speed,
                @org.springframework.beans.factory.annotation.Value("${iwa.clock.epoch:}") String epoch) {
        if (speed > 1) {
            org.slf4j.LoggerFactory.getLogger(HubConfiguration.class)
                    .warn("DEMO CLOCK: time runs {} times faster than real time; never use this in production", speed);
            return new AcceleratedClock(speed, epoch.isBlank() ? null : java.time.Instant.parse(epoch));
        }
        return Clock.systemUTC();
    }

    /** The registry's health (the actuator's {@code schemaRegistry} component), checked with the hub's account. */
    @Bean("schemaRegistry")
    nl.iwa.hub.observability.SchemaRegistryHealthIndicator schemaRegistryHealth(HubProperties props) {
        return new nl.iwa.hub.observability.SchemaRegistryHealthIndicator(props.registry());
    }

    /** The registry client, with the hub's registry account (the only one that may write there). */
    @Bean(destroyMethod = "close")
    AvroCodec avroCodec(HubProperties props) {
        return new AvroCodec(props.registry().url(), props.registry().username(), props.registry().password());
    }

    /**
     * Before any outbox is read (provisioning, and so everything that reads topics, waits for it): the global
     * BACKWARD rule and the OutboxMessage schema under every partner outbox subject, which partners only look up.
     * Takes the validated Kafka connection and key so that every configuration check has passed first.
     */
    @Bean
    SchemaRegistration.Registered registeredSchemas(HubProperties props, AvroCodec codec, PartnerDirectory partners,
                                                    KafkaConnection validatedKafka, Pseudonymiser validatedKey) {
        return new SchemaRegistration(codec, props.registry(), props.topics(), partners).apply();
    }

    /**
     * The hub's one Kafka client configuration: address and credentials, checked before any client starts. Takes
     * the reviewed configuration, the keys and the refusal of removed settings so that their problems, which an operator
     * fixes first, are reported before anything about Kafka.
     */
    @Bean
    KafkaConnection kafkaConnection(HubProperties props, ReviewedConfigLoader.Loaded validatedConfig, Pseudonymiser validatedKey,
                                    nl.iwa.hub.audit.AuditSigningKey validatedSigningKey, RemovedSettings.Checked noRemovedSettings) {
        return KafkaConnection.load(props.kafka().bootstrapServers(), props.kafka().clientConfig(), props.kafka().allowPlaintext());
    }

    /** The intake's consumer (a Camel endpoint) connects with the same credentials as every other client. */
    @Bean
    ComponentCustomizer kafkaComponentSecurity(KafkaConnection kafka) {
        return ComponentCustomizer.forType(KafkaComponent.class, component -> {
            Map<String, Object> extra = new HashMap<>();
            if (component.getConfiguration().getAdditionalProperties() != null) {
                extra.putAll(component.getConfiguration().getAdditionalProperties());
            }
            extra.putAll(kafka.clientProperties());
            component.getConfiguration().setAdditionalProperties(extra);
        });
    }

    /**
     * Every start-up read goes through the topic reader, and the reader exists only once the fence is up: the
     * hub reads its own topics after the instance before it is fenced and its last transaction has ended.
     */
    @Bean
    TopicReader topicReader(KafkaConnection kafka, TransactionFence fence) {
        return new TopicReader(kafka);
    }

    @Bean(destroyMethod = "close")
    TransactionFence transactionFence(HubProperties props, KafkaConnection kafka) {
        return TransactionFence.raise(kafka, props.kafka().transactionalId());
    }

    /** Takes the pseudonymiser so that every configuration check has passed before the hub touches Kafka. */
    @Bean
    ProvisionedTopics provisionedTopics(HubProperties props, KafkaConnection kafka, PartnerDirectory partners, PolicyBook policies,
                                        Pseudonymiser validatedKey, SchemaRegistration.Registered registeredSchemas) {
        return new ProvisionedTopics(new TopicProvisioner(kafka, props.topics(), partners, policies)
                .provision());
    }

    @Bean
    HubMetrics hubMetrics(MeterRegistry registry) {
        return new HubMetrics(registry);
    }

    @Bean
    WorkingDayCalendar workingDayCalendar() {
        return new WorkingDayCalendar();
    }

    @Bean
    DeadLetterReplay deadLetterReplay(HubProperties props, KafkaConnection kafka, PartnerDirectory partners,
                                      TransactionalPublisher publisher, Clock clock) {
        return new DeadLetterReplay(kafka, props.topics(), partners, publisher, clock);
    }

    @Bean
    nl.iwa.hub.privacy.ActionAudit actionAudit(HubProperties props, TransactionalPublisher publisher, Clock clock) {
        return new nl.iwa.hub.privacy.ActionAudit(publisher, props.topics().audit(), clock);
    }

    /**
     * Every hub's transactions: what the hub audits outside the decisions (a person's lookup, a replay) goes, in the
     * same transaction, as a command to the decide task that writes its audit chain, since each chain has one writer.
     */
    @Bean(destroyMethod = "close")
    TransactionalPublisher transactionalPublisher(HubProperties props, KafkaConnection kafka, AvroCodec codec, HubMetrics metrics,
                                                  Clock clock, TransactionFence fence,
                                                  nl.iwa.hub.audit.kafka.AuditTrailReader trailReader) {
        TransactionalPublisher publisher = new TransactionalPublisher(kafka, props.kafka().transactionalId(), props.kafka().groupId(), codec,
                new nl.iwa.hub.engine.AuditCommands(props.topics().audit(), props.topics().decide()), metrics::deliveryLatency,
                clock, fence);
        // a verification reads the trail and its seals as they stood between two of this publisher's transactions
        trailReader.takeMomentsFrom(publisher::betweenTransactions);
        return publisher;
    }

    /** Marker that the topics exist; beans that read topics at start-up depend on it. */
    public record ProvisionedTopics(java.util.List<String> names) {
    }
}
