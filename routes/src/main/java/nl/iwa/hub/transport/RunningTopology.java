package nl.iwa.hub.transport;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one of the hub's Kafka Streams topologies beside its routes. A failing stream thread is replaced rather than
 * taking the hub down: it resumes from its last commit, so its output only lags until it catches up, and nothing is
 * skipped. A thread that failed because the schema registry was unreachable is replaced once, and the topology is
 * paused ({@link KafkaStreams#pause()}) until the registry answers again: otherwise each new thread would fail on the
 * same record within a second or two, and under exactly-once every failed thread's tasks are closed uncleanly and
 * their stores rebuilt from the changelogs.
 */
public final class RunningTopology implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningTopology.class);

    /** How often a topology paused for the registry asks whether it answers again. */
    private static final Duration REGISTRY_CHECK = Duration.ofSeconds(1);

    private final String name;
    private final KafkaStreams streams;
    private final BooleanSupplier registryAnswers;
    private final AtomicBoolean pausedForRegistry = new AtomicBoolean();
    private final AtomicInteger threadsReplaced = new AtomicInteger();
    private final ScheduledExecutorService registryWatch;

    /** A topology that needs no schema registry. */
    public RunningTopology(String name, Topology topology, Properties settings) {
        this(name, topology, settings, null);
    }

    /** @param registryAnswers whether the schema registry answers now; null for a topology that does not use it */
    public RunningTopology(String name, Topology topology, Properties settings, BooleanSupplier registryAnswers) {
        this.name = name;
        this.streams = new KafkaStreams(topology, settings);
        this.registryAnswers = registryAnswers;
        this.registryWatch = registryAnswers == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-registry-watch");
            t.setDaemon(true);
            return t;
        });
        // the exception's class only: a message might quote a record
        streams.setUncaughtExceptionHandler(e -> {
            threadsReplaced.incrementAndGet();
            if (registryAnswers != null && Failures.isRegistryOutage(e) && pausedForRegistry.compareAndSet(false, true)) {
                streams.pause();
                log.warn("{} topology: the schema registry is unreachable; paused until it answers", name);
                registryWatch.schedule(this::resumeOnceTheRegistryAnswers, REGISTRY_CHECK.toMillis(), TimeUnit.MILLISECONDS);
            }
            log.warn("{} topology: stream thread failed ({}); replacing it", name, e.getClass().getSimpleName());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> log.info("{} topology: {} -> {}", name, before, now));
    }

    private void resumeOnceTheRegistryAnswers() {
        boolean answers;
        try {
            answers = registryAnswers.getAsBoolean();
        } catch (RuntimeException e) {
            answers = false;
        }
        if (answers) {
            pausedForRegistry.set(false);
            streams.resume();
            log.info("{} topology: the schema registry answers again; resumed", name);
        } else if (!registryWatch.isShutdown()) {
            registryWatch.schedule(this::resumeOnceTheRegistryAnswers, REGISTRY_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Whether the topology is paused until the schema registry answers again. */
    public boolean pausedForRegistry() {
        return pausedForRegistry.get();
    }

    /** How many of its stream threads failed and were replaced since it started. */
    public int threadsReplaced() {
        return threadsReplaced.get();
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
        if (registryWatch != null) {
            registryWatch.shutdownNow();
        }
        streams.close(Duration.ofSeconds(10)); // a hub stopping with the broker away must not hang on it
    }
}
