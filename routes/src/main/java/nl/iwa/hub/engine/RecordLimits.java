package nl.iwa.hub.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a decision's record that its topic would refuse, before it is sent. On the decide topology a send the
 * broker refuses fails the task's whole transaction; Kafka Streams then decides the same record again from the last
 * commit, for ever, and the producer may not even fail but split and resend the batch without end (it splits by its
 * own limits, not the topic's). One record would hold up every resident of its partition. Checked here instead, the
 * decision is parked on the dead-letter topic with a rejection to its sender, and the partition goes on.
 *
 * <p>A topic's limit ({@code max.message.bytes}) is asked of the broker when first needed and again after
 * {@link #REFRESH}; while the broker does not answer, the last known limit holds (none: only the producer's own).
 * A record is refused only on a limit asked at most {@link #RECHECK} ago: once ops raises a limit, the record it held
 * back can be replayed at once, not parked again on what the broker said half a minute before.
 */
final class RecordLimits {

    static final Duration REFRESH = Duration.ofSeconds(30);
    static final Duration RECHECK = Duration.ofSeconds(1);
    /** What a record batch of one record adds to its key, value and headers, rounded up. */
    static final int BATCH_OVERHEAD = 128;
    private static final Logger log = LoggerFactory.getLogger(RecordLimits.class);

    private record Limit(int bytes, long askedAt) {
    }

    private final Supplier<Admin> admin;
    private final int producerLimit;
    private final LongSupplier nanos;
    private final Map<String, Limit> limits = new ConcurrentHashMap<>();

    /** @param producerLimit the producer's {@code max.request.size} */
    RecordLimits(Supplier<Admin> admin, int producerLimit, LongSupplier nanos) {
        this.admin = admin;
        this.producerLimit = producerLimit;
        this.nanos = nanos;
    }

    /** @throws RecordTooLargeException naming the topic and sizes (no content) when a record would be refused */
    void check(List<Record<String, Routed>> records) {
        for (Record<String, Routed> r : records) {
            int size = sizeOf(r);
            int limit = limitOf(r.value().topic(), REFRESH);
            if (size > limit) {
                limit = limitOf(r.value().topic(), RECHECK);
            }
            if (size > limit) {
                throw new RecordTooLargeException("a record of about " + size + " bytes for " + r.value().topic()
                        + ", which takes at most " + limit);
            }
        }
    }

    static int sizeOf(Record<String, Routed> r) {
        int size = BATCH_OVERHEAD + (r.key() == null ? 0 : r.key().getBytes(StandardCharsets.UTF_8).length)
                + (r.value().value() == null ? 0 : r.value().value().length);
        for (Header h : r.headers()) {
            size += h.key().length() + (h.value() == null ? 0 : h.value().length) + 8;
        }
        return size;
    }

    /** The topic's limit, asked of the broker again when what is known is older than {@code maxAge}. */
    private int limitOf(String topic, Duration maxAge) {
        Limit known = limits.get(topic);
        long now = nanos.getAsLong();
        if (known == null || now - known.askedAt() > maxAge.toNanos()) {
            Integer asked = ask(topic);
            known = new Limit(asked != null ? asked : known != null ? known.bytes() : Integer.MAX_VALUE, now);
            limits.put(topic, known);
        }
        return Math.min(known.bytes(), producerLimit);
    }

    private Integer ask(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.get().describeConfigs(List.of(resource)).all().get(5, TimeUnit.SECONDS).get(resource);
            ConfigEntry entry = config == null ? null : config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            return entry == null || entry.value() == null ? null : Integer.valueOf(entry.value());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.apache.kafka.common.errors.InterruptException(e);
        } catch (Exception e) {
            log.warn("could not ask the broker how large a record {} takes ({}); going on with what was known", topic,
                    e.getClass().getSimpleName());
            return null;
        }
    }
}
