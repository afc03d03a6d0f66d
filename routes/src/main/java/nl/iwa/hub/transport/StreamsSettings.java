package nl.iwa.hub.transport;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How every Kafka Streams topology of the hub connects and keeps its state, in one place: the hub's own broker
 * address and credentials ({@link KafkaConnection}: mutual TLS or SCRAM, the same file as every other client),
 * exactly-once processing ({@code exactly_once_v2}: a topology's reads, state changes and writes commit together),
 * a state directory per hub instance, one bounded memory budget for all RocksDB stores
 * ({@link BoundedRocksDbMemory}), and an application id derived from the hub's consumer group, so that its group,
 * internal topics ({@code <application.id>-...}) and transactional ids ({@code <application.id>-...}) fall under
 * prefixes the ACLs grant (access/AccessPlan).
 *
 * @param groupId           the hub's consumer group (IWA_KAFKA_GROUP_ID): topologies are named after it
 * @param stateDir          where RocksDB keeps state; each topology gets a sub-directory named after its application id
 * @param replicationFactor of the topologies' internal topics (changelogs, repartitions), as for the hub's topics
 */
public record StreamsSettings(KafkaConnection kafka, String groupId, Path stateDir, short replicationFactor) {

    /** The impact figures' topology. */
    public static final String IMPACT = "impact";

    /** The intake topology: outbox records re-keyed by resident, status updates routed to theirs. */
    public static final String INTAKE = "intake";

    /** The decide topology: the decisions per partition of the decide topic, their state in stores (IWA_ENGINE=streams). */
    public static final String DECIDE = "decide";

    /**
     * The handoff overview of a hub on the decide topology: a global table only, so it joins no group, has no
     * internal topics and writes nothing (Kafka Streams runs it without stream threads).
     */
    public static final String VIEW = "view";

    /** Every topology the hub may run: each gets its group, internal topics and transactional ids granted. */
    public static final java.util.List<String> TOPOLOGIES = java.util.List.of(IMPACT, INTAKE, DECIDE);

    public StreamsSettings {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(stateDir, "stateDir");
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("the hub's group id names its Streams applications");
        }
    }

    /** The default state directory of a hub instance: under java.io.tmpdir, per transactional id (unique per running hub). */
    public static Path defaultStateDir(String transactionalId) {
        return Path.of(System.getProperty("java.io.tmpdir"), "iwa-hub-streams", transactionalId);
    }

    /** {@code <groupId>-<topology>}: also the prefix of its internal topics and transactional ids. */
    public static String applicationId(String groupId, String topology) {
        return groupId + "-" + topology;
    }

    public String applicationId(String topology) {
        return applicationId(groupId, topology);
    }

    /** The properties of one topology; the caller adds its serdes and tuning. */
    public Properties properties(String topology) {
        Properties p = kafka.properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(topology));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        // a new topology counts what is already on its input topics, not only what comes after it first starts
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // a hub killed without leaving the group holds its partitions until its session times out: keep that as
        // short as the intake route's (Streams' default is 45 s), so a restarted or surviving hub takes over within seconds
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3_000);
        return p;
    }

    @Override
    public String toString() {
        return "StreamsSettings[" + kafka + ", " + groupId + ", " + stateDir + "]";
    }
}
