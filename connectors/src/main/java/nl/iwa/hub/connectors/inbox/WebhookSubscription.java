package nl.iwa.hub.connectors.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import nl.iwa.hub.connectors.ConnectorHub;
import nl.iwa.hub.connectors.ConnectorPartner;
import nl.iwa.hub.contract.inbox.InboxMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one partner its inbox by webhook: reads the inbox with the partner's inbox consumer group and commits a
 * record only after the webhook answered 2xx, so the DELIVERED the hub observes from that group means the partner's
 * system has the message. One message at a time, in order: while a message waits for its next try nothing later is
 * sent (the partitions are paused and the consumer keeps polling, so a back-off of an hour does not cost the group
 * membership).
 *
 * <p>A plain KafkaConsumer loop rather than a Camel Kafka route: the back-off of hours with paused partitions,
 * commits of exactly one record after a 2xx and a marker in the commit metadata are direct consumer calls here,
 * and would be work-arounds around Camel's consumer (its own commit manager, break-on-first-error, poll loop).
 *
 * <p>A 410 Gone retires the subscription, remembered in the group's commit metadata on the broker (the undelivered
 * position, marked with a hash of the URL): a restart does not send again, a new URL in partners.yaml starts afresh.
 */
final class WebhookSubscription implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(WebhookSubscription.class);
    static final String RETIRED_MARK = "webhook-retired:";
    private static final Duration POLL = Duration.ofMillis(200);

    private final ConnectorPartner partner;
    private final ConnectorHub hub;
    private final InboxCloudEvents events;
    private final RetrySchedule retry;
    private final WebhookClient client;
    private final DeadLetterParking parking;
    private final Clock clock;
    private final boolean handshake;
    private final String mark;
    private final ObjectMapper json = new ObjectMapper();

    private final Deque<ConsumerRecord<String, byte[]>> pending = new ArrayDeque<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile WebhookState state;
    private volatile boolean running = true;
    private volatile int lastStatus;
    private volatile int attempts;
    private volatile Instant nextAttemptAt;
    private volatile Instant retiredAt;
    private Instant firstFailure;
    private boolean validated;
    private KafkaConsumer<String, byte[]> consumer;

    WebhookSubscription(ConnectorPartner partner, ConnectorHub hub, InboxCloudEvents events, RetrySchedule retry,
                        WebhookClient client, DeadLetterParking parking, Clock clock, boolean handshake) {
        this.partner = partner;
        this.hub = hub;
        this.events = events;
        this.retry = retry;
        this.client = client;
        this.parking = parking;
        this.clock = clock;
        this.handshake = handshake;
        this.mark = RETIRED_MARK + urlHash(partner.settings().inbox().url().toString());
        this.state = handshake ? WebhookState.VALIDATING : WebhookState.ACTIVE;
        this.validated = !handshake;
    }

    WebhookStatus status() {
        return new WebhookStatus(partner.id(), partner.settings().inbox().url().toString(), state, delivered.get(),
                deadLettered.get(), lastStatus, attempts, state == WebhookState.BACKING_OFF || state == WebhookState.VALIDATING
                ? nextAttemptAt : null, retiredAt);
    }

    String partnerId() {
        return partner.id();
    }

    @Override
    public void run() {
        Properties props = hub.kafkaProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, partner.inboxConsumerGroup());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "iwa-hub-webhook-" + partner.id());
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            c.subscribe(List.of(partner.inboxTopic()), new Rebalance());
            while (running && state != WebhookState.RETIRED) {
                step();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("webhook subscription of {} stopped: {}", partner.id(), e.getClass().getSimpleName());
        } finally {
            if (state != WebhookState.RETIRED) {
                state = WebhookState.STOPPED;
            }
        }
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void step() throws InterruptedException {
        Instant now = clock.instant();
        if (nextAttemptAt != null && now.isBefore(nextAttemptAt)) {
            // waiting: stay in the group, fetch nothing new
            consumer.pause(consumer.assignment());
            consumer.poll(min(Duration.between(now, nextAttemptAt), POLL));
            return;
        }
        if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
        if (pending.isEmpty()) {
            consumer.poll(POLL).forEach(pending::add);
            return;
        }
        if (!validated) {
            validate();
            return;
        }
        deliver(pending.peek());
    }

    private void validate() throws InterruptedException {
        WebhookClient.Answer answer = client.validate();
        lastStatus = answer.status();
        if (client.allows(answer)) {
            validated = true;
            attempts = 0;
            nextAttemptAt = null;
            state = WebhookState.ACTIVE;
            log.info("webhook of {} confirmed the handshake", partner.id());
        } else if (answer.status() == 410) {
            retire();
        } else {
            attempts++;
            nextAttemptAt = clock.instant().plus(retry.delayAfter(attempts));
            log.warn("webhook of {} did not confirm the handshake (HTTP {}); trying again at {}", partner.id(), answer.status(), nextAttemptAt);
        }
    }

    private void deliver(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        Object decoded = hub.decode(record.topic(), record.value());
        if (!(decoded instanceof InboxMessage message)) {
            park(record, "INBOX_UNREADABLE", "the inbox record could not be decoded");
            return;
        }
        String event;
        try {
            event = json.writeValueAsString(events.event(message));
        } catch (JsonProcessingException e) {
            park(record, "INBOX_UNREADABLE", "the inbox record could not be rendered as a CloudEvent");
            return;
        }
        WebhookClient.Answer answer = client.post(event);
        lastStatus = answer.status();
        WebhookVerdict verdict = answer.status() < 0 ? WebhookVerdict.unreachable()
                : WebhookVerdict.of(answer.status(), answer.retryAfter(), clock.instant());
        switch (verdict.kind()) {
            case DELIVERED -> {
                commit(record, "");
                delivered.incrementAndGet();
                done();
            }
            case RETIRED -> retire();
            case REFUSED -> park(record, "WEBHOOK_REFUSED", "the webhook refused the message with HTTP " + answer.status());
            case RETRY -> {
                Instant now = clock.instant();
                attempts++;
                if (firstFailure == null) {
                    firstFailure = now;
                }
                // Retry-After as asked, but never sooner than the first back-off step: 'Retry-After: 0' must not spin
                Duration wait = verdict.retryAfter().map(d -> max(d, retry.initial())).orElseGet(() -> retry.delayAfter(attempts));
                if (retry.givesUp(Duration.between(firstFailure, now), wait)) {
                    park(record, "WEBHOOK_GAVE_UP", "the webhook did not take the message in " + attempts
                            + " tries since " + firstFailure + " (last answer HTTP " + answer.status() + ")");
                } else {
                    nextAttemptAt = now.plus(wait);
                    state = WebhookState.BACKING_OFF;
                    log.warn("webhook of {} did not take {}-{}@{} (HTTP {}, try {}); next try at {}", partner.id(),
                            record.topic(), record.partition(), record.offset(), answer.status(), attempts, nextAttemptAt);
                }
            }
        }
    }

    /** Parks the record on the dead-letter topic and moves on: the rest of the inbox must not wait for it. */
    private void park(ConsumerRecord<String, byte[]> record, String code, String reason) throws InterruptedException {
        try {
            parking.park(record, partner.id(), code, reason);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // not parked, not committed: tried again, later
            nextAttemptAt = clock.instant().plus(retry.delayAfter(Math.max(1, attempts)));
            log.warn("could not park {}-{}@{} for {} on the dead-letter topic ({}); trying again", record.topic(),
                    record.partition(), record.offset(), partner.id(), e.getClass().getSimpleName());
            return;
        }
        log.error("parked {}-{}@{} for {} on the dead-letter topic: {} ({})", record.topic(), record.partition(),
                record.offset(), partner.id(), code, reason);
        commit(record, "");
        deadLettered.incrementAndGet();
        done();
    }

    private void done() {
        pending.poll();
        attempts = 0;
        firstFailure = null;
        nextAttemptAt = null;
        state = WebhookState.ACTIVE;
    }

    private void commit(ConsumerRecord<String, byte[]> record, String metadata) {
        consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                new OffsetAndMetadata(record.offset() + 1, metadata)));
    }

    /** Marks every assigned partition at its first undelivered record, so a restart knows and sends nothing. */
    private void retire() {
        Instant now = clock.instant();
        Map<TopicPartition, OffsetAndMetadata> marks = new java.util.HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            long position = pending.stream().filter(r -> r.partition() == tp.partition()).mapToLong(ConsumerRecord::offset)
                    .min().orElse(consumer.position(tp));
            marks.put(tp, new OffsetAndMetadata(position, mark + now));
        }
        consumer.commitSync(marks);
        pending.clear();
        retiredAt = now;
        state = WebhookState.RETIRED;
        log.warn("webhook of {} answered 410 Gone: subscription retired, nothing more is sent to it", partner.id());
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // records already fetched come again from the committed position to whoever gets the partition
            pending.clear();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            for (OffsetAndMetadata committed : consumer.committed(new java.util.HashSet<>(partitions)).values()) {
                if (committed != null && committed.metadata() != null && committed.metadata().startsWith(mark)) {
                    retiredAt = parseInstant(committed.metadata().substring(mark.length()));
                    state = WebhookState.RETIRED;
                    log.warn("webhook of {} was retired by a 410 Gone; nothing is sent to it", partner.id());
                }
            }
        }
    }

    private static Instant parseInstant(String s) {
        try {
            return Instant.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) > 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    static String urlHash(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8) + ":";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
