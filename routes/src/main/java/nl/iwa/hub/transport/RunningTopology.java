package nl.iwa.hub.transport;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one of the hub's Kafka Streams topologies beside its routes. A failing stream thread (e.g. a registry
 * outage) is replaced rather than taking the hub down: it resumes from its last commit, so its output only lags
 * until it catches up, and nothing is skipped.
 */
public final class RunningTopology implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningTopology.class);

    private final String name;
    private final KafkaStreams streams;

    public RunningTopology(String name, Topology topology, Properties settings) {
        this.name = name;
        this.streams = new KafkaStreams(topology, settings);
        // the exception's class only: a message might quote a record
        streams.setUncaughtExceptionHandler(e -> {
            log.warn("{} topology: stream thread failed ({}); replacing it", name, e.getClass().getSimpleName());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> log.info("{} topology: {} -> {}", name, before, now));
    }

    public void start() {
        streams.start();
    }

    /** The input partitions whose tasks run on this instance now: its share of the work, moved on rebalance. */
    public java.util.Set<org.apache.kafka.common.TopicPartition> activePartitions() {
        return streams.metadataForLocalThreads().stream().flatMap(t -> t.activeTasks().stream())
                .flatMap(t -> t.topicPartitions().stream()).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * A store of this instance, to read (interactive queries). Throws Kafka Streams' InvalidStateStoreException
     * while the store is not ready, e.g. still restoring at start.
     */
    public <T> T store(String storeName, org.apache.kafka.streams.state.QueryableStoreType<T> type) {
        return streams.store(org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(storeName, type));
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        log.info("{} topology: closing", name);
        streams.close(Duration.ofSeconds(10)); // a hub stopping with the broker away must not hang on it
    }
}
