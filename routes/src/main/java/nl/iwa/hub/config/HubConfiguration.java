package nl.iwa.hub.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import nl.iwa.hub.audit.kafka.AuditIndex;
import nl.iwa.hub.audit.AuditChains;
import nl.iwa.hub.consent.ConsentRegistry;
import nl.iwa.hub.consent.kafka.ConsentStateLoader;
import nl.iwa.hub.handoff.kafka.DeliveryWatch;
import nl.iwa.hub.handoff.HandoffDesk;
import nl.iwa.hub.handoff.HandoffStore;
import nl.iwa.hub.handoff.WorkingDayCalendar;
import nl.iwa.hub.identity.Pseudonymiser;
import nl.iwa.hub.deadletter.DeadLetterReplay;
import nl.iwa.hub.decision.OutboxDecisions;
import nl.iwa.hub.decision.PastDeliveries;
import nl.iwa.hub.intake.OutboxBatchDecider;
import nl.iwa.hub.intake.OutboxRecordHandler;
import nl.iwa.hub.observability.HubMetrics;
import nl.iwa.hub.outcome.OutcomeWriter;
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
     * the reviewed configuration and the keys so that their problems, which an operator fixes first, are reported
     * before anything about Kafka.
     */
    @Bean
    KafkaConnection kafkaConnection(HubProperties props, ReviewedConfigLoader.Loaded validatedConfig, Pseudonymiser validatedKey,
                                    nl.iwa.hub.audit.AuditSigningKey validatedSigningKey) {
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

    /**
     * The classic engine's consents on the heap. The decide topology keeps them in its stores and nothing reads this
     * then: loading it would only grow the heap with every consent ever recorded, so it stays empty.
     */
    @Bean
    ConsentRegistry consentRegistry(ProvisionedTopics provisioned, TopicReader reader, HubProperties props, AvroCodec codec,
                                    EngineConfiguration.EngineChoice engine) {
        return engine.onHeap() ? ConsentStateLoader.load(reader, props.topics().consent(), codec) : new ConsentRegistry();
    }

    @Bean
    HubMetrics hubMetrics(MeterRegistry registry) {
        return new HubMetrics(registry);
    }

    /**
     * The classic engine's handoffs on the heap; empty on the decide topology, which keeps them in its stores (ops and
     * monitoring read {@link nl.iwa.hub.handoff.HandoffOverview} instead).
     */
    @Bean
    HandoffStore handoffStore(ProvisionedTopics provisioned, TopicReader reader, HubProperties props, AvroCodec codec,
                              EngineConfiguration.EngineChoice engine) {
        return engine.onHeap() ? nl.iwa.hub.handoff.kafka.HandoffStateLoader.load(reader, props.topics().handoffs(), codec)
                : new HandoffStore();
    }

    @Bean
    WorkingDayCalendar workingDayCalendar() {
        return new WorkingDayCalendar();
    }

    @Bean
    HandoffDesk handoffDesk(HubProperties props, HandoffStore store, PartnerDirectory partners, PolicyBook policies,
                            WorkingDayCalendar calendar, Clock clock, AuditIndex auditIndex) {
        return new HandoffDesk(store, partners, policies, calendar, clock, auditIndex::coordinatorOf);
    }

    @Bean(destroyMethod = "close")
    DeliveryWatch deliveryWatch(HubProperties props, KafkaConnection kafka, PartnerDirectory partners, HandoffStore store, HandoffDesk desk) {
        return new DeliveryWatch(kafka, props.topics(), partners, store, desk);
    }

    /** The decision core; past deliveries under a consent come from the audit index (its withdrawal notices). */
    /** Who is involved with a resident, read from the audit index and the open handoffs (docs/involvement.md). */
    @Bean
    nl.iwa.hub.involvement.InvolvementLedger involvementLedger(AuditIndex auditIndex, HandoffStore handoffStore) {
        return new AuditedInvolvement(auditIndex, handoffStore);
    }

    @Bean
    OutboxDecisions outboxDecisions(PartnerDirectory partners, PolicyBook policies, ConsentRegistry consents,
                                    Pseudonymiser pseudonymiser, HandoffDesk handoffs, AuditIndex auditIndex,
                                    nl.iwa.hub.involvement.InvolvementLedger involvementLedger, Clock clock) {
        PastDeliveries pastDeliveries = consentId -> auditIndex.deliveredUnder(consentId).stream()
                .map(d -> new PastDeliveries.Delivery(d.senderPartnerId(), d.messageId(), d.receiverPartnerId(), d.correlationId()))
                .toList();
        return new OutboxDecisions(partners, policies, consents, pseudonymiser, handoffs, pastDeliveries,
                involvementLedger, clock);
    }

    @Bean
    OutcomeWriter outcomeWriter(HubProperties props, PartnerDirectory partners, ConsentRegistry consents, HandoffStore handoffs,
                                HubMetrics metrics, Clock clock) {
        return new OutcomeWriter(props.topics(), partners, consents, handoffs, metrics, clock);
    }

    @Bean
    OutboxRecordHandler outboxRecordHandler(AvroCodec codec, OutboxDecisions decisions, OutcomeWriter writer, HubMetrics metrics) {
        return new OutboxRecordHandler(codec, decisions, writer, metrics);
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

    @Bean
    OutboxBatchDecider outboxBatchDecider(OutboxRecordHandler handler, TransactionalPublisher publisher) {
        return new OutboxBatchDecider(handler, publisher);
    }

    @Bean(destroyMethod = "close")
    TransactionalPublisher transactionalPublisher(HubProperties props, KafkaConnection kafka, AvroCodec codec, AuditChains audit,
                                                  AuditIndex auditIndex, nl.iwa.hub.audit.AuditSealer sealer,
                                                  HubMetrics metrics, Clock clock, HandoffStore handoffStore,
                                                  ConsentRegistry consents, TransactionFence fence,
                                                  nl.iwa.hub.audit.kafka.AuditTrailReader trailReader,
                                                  EngineConfiguration.EngineChoice engine) {
        // with the decide topology each audit chain has one writer, its task: what this publisher audits goes there as a command
        nl.iwa.hub.transport.TransactionParticipant auditing = !engine.onHeap()
                ? new nl.iwa.hub.engine.AuditCommands(props.topics().audit(), props.topics().decide())
                : new nl.iwa.hub.audit.kafka.AuditChainParticipant(audit, auditIndex, sealer, clock);
        TransactionalPublisher publisher = new TransactionalPublisher(kafka, props.kafka().transactionalId(), props.kafka().groupId(), codec,
                auditing, metrics::deliveryLatency,
                clock, fence, () -> {
                    handoffStore.clearStaged();
                    consents.clearStaged();
                });
        // a verification reads the trail and its seals as they stood between two of this publisher's transactions
        trailReader.takeMomentsFrom(publisher::betweenTransactions);
        return publisher;
    }

    /** Marker that the topics exist; beans that read topics at start-up depend on it. */
    public record ProvisionedTopics(java.util.List<String> names) {
    }
}
