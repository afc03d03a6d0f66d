package nl.iwa.hub.config;

import nl.iwa.hub.decision.OutboxDecisions;
import nl.iwa.hub.engine.AcceptanceCheckpoint;
import nl.iwa.hub.engine.ChainSealing;
import nl.iwa.hub.engine.DecideTopology;
import nl.iwa.hub.engine.DeliveryPositions;
import nl.iwa.hub.engine.ClassicStateImport;
import nl.iwa.hub.engine.TaskDecisions;
import nl.iwa.hub.handoff.HandoffDesk;
import nl.iwa.hub.handoff.HandoffOverview;
import nl.iwa.hub.handoff.kafka.GlobalHandoffView;
import nl.iwa.hub.handoff.WorkingDayCalendar;
import nl.iwa.hub.identity.Pseudonymiser;
import nl.iwa.hub.intake.OutboxRecordHandler;
import nl.iwa.hub.observability.HubMetrics;
import nl.iwa.hub.outcome.OutcomeWriter;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.policy.InvalidConfigurationException;
import nl.iwa.hub.policy.PolicyBook;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.RunningTopology;
import nl.iwa.hub.transport.StreamsSettings;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The decide topology, the hub's one engine: the decisions run per partition of the decide topic with their state in
 * RocksDB stores, so several hubs in one group share the residents (docs/engine-design.md). The intake topology
 * ({@link IntakeConfiguration}) fills the decide topic.
 */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

    /**
     * IWA_ENGINE and IWA_INTAKE_REKEYED once chose the classic engine and its own outbox reading: a hub still set so
     * stops at start-up and says why, before it touches Kafka ({@link HubConfiguration#kafkaConnection} takes this).
     */
    @Bean
    RemovedSettings.Checked removedSettingsRefused(
            @org.springframework.beans.factory.annotation.Value("${iwa.engine:streams}") String engine,
            @org.springframework.beans.factory.annotation.Value("${iwa.intake.rekeyed:true}") String rekeyed) {
        return RemovedSettings.check(engine, rekeyed);
    }

    /** Every hub's overview of the handoffs of all residents, for the ops API and the gauges; see {@link #handoffOverview}. */
    @Bean(destroyMethod = "close")
    RunningTopology handoffViewStreams(HubConfiguration.ProvisionedTopics provisioned, HubProperties props, StreamsSettings streams) {
        RunningTopology running = new RunningTopology(StreamsSettings.VIEW, GlobalHandoffView.topology(props.topics().handoffs()),
                streams.properties(StreamsSettings.VIEW));
        running.start();
        return running;
    }

    /**
     * What ops and monitoring read of the handoffs: each hub holds only its partitions' handoffs, so every hub keeps a
     * global table of the handoff topic on disk and answers from it.
     */
    @Bean
    HandoffOverview handoffOverview(HubProperties props, AvroCodec codec,
                                    @Qualifier("handoffViewStreams") RunningTopology view) {
        return new GlobalHandoffView(view, codec, props.topics().handoffs());
    }

    /**
     * The classic engine's state, taken over the first time the decide topology runs where the classic engine decided
     * before ({@link ClassicStateImport}); the intake topology starts only after it, so nothing it re-keys is decided
     * before the state it needs.
     */
    @Bean
    ClassicStateImport.Imported classicStateImported(HubConfiguration.ProvisionedTopics provisioned, HubProperties props,
                                                     StreamsSettings streams, nl.iwa.hub.transport.TopicReader reader,
                                                     nl.iwa.hub.transport.KafkaConnection kafka, AvroCodec codec,
                                                     AuditConfiguration.LoadedTrail loadedTrail) {
        Topics topics = props.topics();
        ClassicStateImport.Names names = new ClassicStateImport.Names(topics.consent(), topics.handoffs(), topics.audit(),
                topics.decide(), props.kafka().groupId(), streams.applicationId(StreamsSettings.DECIDE));
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(kafka.properties())) {
            return new ClassicStateImport(names, admin, reader, kafka, codec).ifNeeded(loadedTrail.heads());
        } catch (ClassicStateImport.ClassicHubsRunning e) {
            throw new InvalidConfigurationException(java.util.List.of(e.getMessage()));
        }
    }

    /** How the decide tasks seal the trail, with the operator's acceptance of a broken one at this start, if any. */
    @Bean
    ChainSealing chainSealing(HubProperties props, nl.iwa.hub.audit.AuditSigningKey auditKey, java.time.Clock clock,
                              AuditConfiguration.LoadedTrail loadedTrail, nl.iwa.hub.audit.kafka.AuditTrailReader trailReader,
                              nl.iwa.hub.transport.TopicReader reader) {
        Topics topics = props.topics();
        return new ChainSealing(auditKey, topics.audit(), topics.auditSeals(), clock, props.audit().checkpointInterval(),
                trailReader::committedSeals, reader.partitionCount(topics.audit()),
                loadedTrail.acceptedProblem() == null ? null
                        : new ChainSealing.Acceptance(loadedTrail.acceptedProblem(), loadedTrail.heads()));
    }

    /**
     * An operator's acceptance of a broken trail, sealed before the decide topology starts ({@link AcceptanceCheckpoint}):
     * once no hub decides, the {@code ACCEPTED} checkpoint goes to the seal topic with a producer of its own.
     */
    @Bean
    AcceptanceSealed acceptanceSealed(ChainSealing sealing, StreamsSettings streams, nl.iwa.hub.transport.KafkaConnection kafka)
            throws InterruptedException {
        if (sealing.accepted() == null) {
            return new AcceptanceSealed(null);
        }
        String group = streams.applicationId(StreamsSettings.DECIDE);
        java.util.Properties settings = new java.util.Properties();
        settings.putAll(kafka.properties());
        settings.put(org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all");
        settings.put(org.apache.kafka.clients.producer.ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(kafka.properties());
             org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer = new org.apache.kafka.clients.producer.KafkaProducer<>(
                     settings, new org.apache.kafka.common.serialization.StringSerializer(),
                     new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            java.util.function.IntSupplier deciding = () -> askTheBroker("who decides", () -> admin.describeConsumerGroups(java.util.List.of(group))
                    .all().get().get(group).members().size());
            java.util.function.Consumer<nl.iwa.hub.audit.AuditSeal> write = seal -> askTheBroker("the acceptance checkpoint",
                    () -> producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(sealing.sealTopic(), seal.recordKey(),
                            seal.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8))).get());
            return new AcceptanceSealed(new AcceptanceCheckpoint(sealing, deciding, write, AcceptanceCheckpoint.PATIENCE,
                    java.time.Duration.ofMillis(500)).sealBeforeDeciding().orElse(null));
        } catch (AcceptanceCheckpoint.HubsStillDeciding e) {
            throw new InvalidConfigurationException(java.util.List.of(e.getMessage()));
        }
    }

    private static <T> T askTheBroker(String what, java.util.concurrent.Callable<T> call) {
        try {
            return call.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.apache.kafka.common.errors.InterruptException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot seal the operator's acceptance of the audit trail: " + what + " failed ("
                    + e.getCause().getClass().getSimpleName() + ")", e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("cannot seal the operator's acceptance of the audit trail: " + what + " failed ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Marker that an operator's acceptance, if any, is on the seal topic; the checkpoint written at this start or null. */
    public record AcceptanceSealed(nl.iwa.hub.audit.AuditSeal checkpoint) {
    }

    @Bean(destroyMethod = "close")
    RunningTopology decideStreams(HubConfiguration.ProvisionedTopics provisioned, HubProperties props, AvroCodec codec,
                                  StreamsSettings streams, PartnerDirectory partners, PolicyBook policies,
                                  Pseudonymiser pseudonymiser, WorkingDayCalendar calendar, java.time.Clock clock,
                                  HubMetrics metrics, nl.iwa.hub.transport.KafkaConnection kafka, nl.iwa.hub.observability.SchemaRegistryHealthIndicator registry,
                                  @org.springframework.beans.factory.annotation.Value("${iwa.handoffs.check-period-ms:5000}") long clockPeriodMs,
                                  @org.springframework.beans.factory.annotation.Value("${iwa.retention.check-period-ms:3600000}") long retentionPeriodMs,
                                  ChainSealing sealing, AcceptanceSealed acceptanceSealed,
                                  ClassicStateImport.Imported classicStateTakenOver) {
        Topics topics = props.topics();
        TaskDecisions decisions = state -> {
            HandoffDesk desk = new HandoffDesk(state.handoffs(), partners, policies, calendar, clock, state.involvement()::coordinatorOf);
            OutboxDecisions core = new OutboxDecisions(partners, policies, state.consents(), pseudonymiser, desk,
                    state.pastDeliveries(), state.involvement(), clock);
            OutcomeWriter writer = new OutcomeWriter(topics, partners, state.consents(), state.handoffs(), metrics, clock);
            return new TaskDecisions.Work(new OutboxRecordHandler(codec, core, writer, metrics), desk, writer,
                    new DeliveryPositions(kafka, codec),
                    new nl.iwa.hub.handoff.kafka.DeliveryWatch(kafka, topics, partners, state.awaitingConsumption(), desk),
                    new nl.iwa.hub.handoff.HandoffRetention(policies), new nl.iwa.hub.consent.ConsentRetention(policies),
                    new nl.iwa.hub.involvement.InvolvementWindow(policies), metrics::deliveryLatency);
        };
        RunningTopology running = new RunningTopology(StreamsSettings.DECIDE,
                DecideTopology.build(topics, sealing, decisions,
                        codec, topics::outboxOwner, topics::inbox, java.time.Duration.ofMillis(clockPeriodMs),
                        java.time.Duration.ofMillis(retentionPeriodMs)),
                decideSettings(streams, props.intake()), registry::answers);
        running.start();
        return running;
    }

    /** Beyond this, threads would outnumber any partition count the hub is run with; more is a typing error. */
    static final int MAX_DECIDE_THREADS = 16;

    /**
     * A decision reaches its receiver when the decide topology commits: as often as the intake topology's. More than
     * one decide thread only helps as far as there are partitions ({@code IWA_TOPICS_PARTNERTOPICPARTITIONS}) to spread.
     */
    static java.util.Properties decideSettings(StreamsSettings streams, HubProperties.Intake intake) {
        if (intake.decideThreads() < 1 || intake.decideThreads() > MAX_DECIDE_THREADS) {
            throw new InvalidConfigurationException(java.util.List.of("IWA_INTAKE_DECIDETHREADS is " + intake.decideThreads()
                    + ": a hub decides on 1 to " + MAX_DECIDE_THREADS + " stream threads"));
        }
        java.util.Properties settings = streams.properties(StreamsSettings.DECIDE);
        settings.put(org.apache.kafka.streams.StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, intake.commitInterval().toMillis());
        settings.put(org.apache.kafka.streams.StreamsConfig.NUM_STREAM_THREADS_CONFIG, intake.decideThreads());
        return settings;
    }
}
