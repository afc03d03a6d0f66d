package nl.iwa.hub.impact.kafka;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the impact topology beside the hub's routes. It only reads what the hub already wrote and writes its own
 * topic, so it starts without holding up the hub and a failing stream thread (e.g. a registry outage) is
 * replaced rather than taking the hub down; the figures just lag until it catches up.
 */
public final class ImpactStreams implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImpactStreams.class);

    private final KafkaStreams streams;

    public ImpactStreams(Topology topology, Properties settings) {
        this.streams = new KafkaStreams(topology, settings);
        // the exception's class only: a message might quote a record
        streams.setUncaughtExceptionHandler(e -> {
            log.warn("impact topology: stream thread failed ({}); replacing it", e.getClass().getSimpleName());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> log.info("impact topology: {} -> {}", before, now));
    }

    public void start() {
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(10)); // a hub stopping with the broker away must not hang on it
    }
}
