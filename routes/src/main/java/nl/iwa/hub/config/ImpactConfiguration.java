package nl.iwa.hub.config;

import nl.iwa.hub.contract.common.PartnerKind;
import nl.iwa.hub.handoff.WorkingDayCalendar;
import nl.iwa.hub.impact.ImpactCells;
import nl.iwa.hub.impact.ImpactPublication;
import nl.iwa.hub.impact.KAnonymity;
import nl.iwa.hub.impact.SettledHandoffs;
import nl.iwa.hub.impact.SignalFollowUps;
import nl.iwa.hub.impact.kafka.ImpactCellsView;
import nl.iwa.hub.impact.kafka.ImpactTopology;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.policy.FlowPolicy;
import nl.iwa.hub.policy.PolicyBook;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.KafkaConnection;
import nl.iwa.hub.transport.RunningTopology;
import nl.iwa.hub.transport.StreamsSettings;
import nl.iwa.hub.transport.TopicReader;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The impact figures: the topology that counts, the view that reads the counts, and k for the report. */
@Configuration(proxyBeanMethods = false)
public class ImpactConfiguration {

    /** Refuses k below 2 at start-up (the failure names iwa.impact.k). */
    @Bean
    KAnonymity kAnonymity(ImpactProperties impact) {
        return new KAnonymity(impact.k());
    }

    @Bean
    ImpactPublication impactPublication(KAnonymity k) {
        return new ImpactPublication(k);
    }

    @Bean
    StreamsSettings streamsSettings(HubProperties props, KafkaConnection kafka, ImpactProperties impact) {
        return new StreamsSettings(kafka, props.kafka().groupId(),
                impact.stateDir() != null && !impact.stateDir().toString().isBlank() ? impact.stateDir()
                        : StreamsSettings.defaultStateDir(props.kafka().transactionalId()),
                props.topics().replicationFactor());
    }

    /**
     * Starts once the topics exist and the schemas are registered (provisionedTopics comes after both). It decodes what
     * it reads: a schema it has not seen while the registry is away pauses it, as it does the decide topology.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "iwa.impact", name = "enabled", havingValue = "true", matchIfMissing = true)
    RunningTopology impactStreams(HubConfiguration.ProvisionedTopics provisioned, HubProperties props, AvroCodec codec,
                                PartnerDirectory partners, PolicyBook policies, WorkingDayCalendar calendar,
                                StreamsSettings streams, ImpactProperties impact,
                                nl.iwa.hub.observability.SchemaRegistryHealthIndicator registry) {
        java.util.function.Function<String, java.util.Optional<String>> kindOf =
                id -> partners.find(id).map(Partner::kind).map(PartnerKind::name);
        SettledHandoffs settled = new SettledHandoffs(kindOf, id -> policies.byId(id).map(FlowPolicy::deadlines), calendar);
        RunningTopology running = new RunningTopology(StreamsSettings.IMPACT, ImpactTopology.build(props.topics().handoffs(), props.topics().audit(),
                props.topics().impact(), codec, settled, new SignalFollowUps(impact.signalFollowUpWindow()), kindOf,
                impact.countedRetention()), streams.properties(StreamsSettings.IMPACT), registry::answers);
        running.start();
        return running;
    }

    @Bean
    ImpactCells impactCells(HubConfiguration.ProvisionedTopics provisioned, TopicReader reader, AvroCodec codec, HubProperties props) {
        return new ImpactCellsView(reader, codec, props.topics().impact());
    }
}
