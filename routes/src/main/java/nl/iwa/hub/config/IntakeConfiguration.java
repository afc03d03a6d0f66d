package nl.iwa.hub.config;

import java.util.List;
import java.util.Optional;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.decision.ResidentKeys;
import nl.iwa.hub.identity.Pseudonymiser;
import nl.iwa.hub.intake.kafka.HandoffUpdateRouting;
import nl.iwa.hub.intake.kafka.IntakeHandover;
import nl.iwa.hub.intake.kafka.ResidentKeyingTopology;
import nl.iwa.hub.observability.IntakeHealthIndicator;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.KafkaConnection;
import nl.iwa.hub.transport.RunningTopology;
import nl.iwa.hub.transport.StreamsSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.Topology;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The intake topology: outbox records re-keyed by resident onto the decide topic, and status updates routed there to
 * their handoff's resident (docs/engine-design.md), where the decide topology decides them. A deployment whose hub
 * read the outboxes itself hands its positions there to the topology first ({@link IntakeHandover}), so nothing is
 * decided twice.
 */
@Configuration(proxyBeanMethods = false)
public class IntakeConfiguration {

    /**
     * Starts once the topics exist and the schemas are registered (provisionedTopics comes after both), and after the
     * classic engine's state was taken over (EngineConfiguration), so nothing it re-keys is decided before the state
     * it needs.
     */
    @Bean(destroyMethod = "close")
    RunningTopology intakeStreams(HubConfiguration.ProvisionedTopics provisioned, HubProperties props, AvroCodec codec,
                                  PartnerDirectory partners, Pseudonymiser pseudonymiser, StreamsSettings streams,
                                  KafkaConnection kafka, nl.iwa.hub.observability.SchemaRegistryHealthIndicator registry,
                                  nl.iwa.hub.engine.ClassicStateImport.Imported classicStateTakenOver) {
        Topics topics = props.topics();
        List<String> outboxes = partners.all().stream().map(p -> topics.outbox(p.id())).toList();
        Topology t = ResidentKeyingTopology.build(outboxes, topics.decide(), topics.handoffUpdates(), codec::decodeOutbox,
                new ResidentKeys(pseudonymiser));
        HandoffUpdateRouting.addTo(t, topics.handoffUpdates(), topics.handoffs(), topics.decide(),
                (topic, bytes) -> codec.decode(topic, bytes) instanceof HandoffRecord r
                        ? Optional.of(r.getSubjectPseudonym().toString()) : Optional.empty(),
                props.intake().updateWait());
        try (Admin admin = Admin.create(kafka.properties())) {
            IntakeHandover.continueWhereTheHubLeftOff(admin, props.kafka().groupId(), streams.applicationId(StreamsSettings.INTAKE),
                    java.util.Set.copyOf(outboxes));
        }
        java.util.Properties settings = streams.properties(StreamsSettings.INTAKE);
        settings.put(org.apache.kafka.streams.StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, props.intake().commitInterval().toMillis());
        RunningTopology running = new RunningTopology(StreamsSettings.INTAKE, t, settings, registry::answers);
        running.start();
        return running;
    }

    /** Readiness follows the intake and decide topologies (observability/IntakeHealthIndicator). */
    @Bean("intake")
    IntakeHealthIndicator intakeHealth(@Qualifier("intakeStreams") RunningTopology intake,
                                       @Qualifier("decideStreams") RunningTopology decide) {
        return new IntakeHealthIndicator(intake::state, decide::state);
    }
}
