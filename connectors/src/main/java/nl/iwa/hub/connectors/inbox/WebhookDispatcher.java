package nl.iwa.hub.connectors.inbox;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import nl.iwa.hub.connectors.ConnectorHub;
import nl.iwa.hub.connectors.ConnectorPartner;
import nl.iwa.hub.connectors.ConnectorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts one {@link WebhookSubscription} per partner that receives its inbox by WEBHOOK, each on its own thread,
 * and stops them with the hub. Settings ({@code iwa.connectors.*}):
 * <ul>
 *   <li>{@code hub-oin}: the hub's OIN, in every CloudEvent's {@code source}</li>
 *   <li>{@code inbox.origin}: the name the hub gives in {@code WebHook-Request-Origin}</li>
 *   <li>{@code inbox.handshake}: validate each webhook before the first delivery (default true)</li>
 *   <li>{@code inbox.retry.initial|factor|max-interval|give-up-after}: the back-off (10s, 2, 1h, 24h)</li>
 *   <li>{@code inbox.request-timeout}: how long one POST may take (30s)</li>
 * </ul>
 */
@Component
public class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final ConnectorHub hub;
    private final InboxCloudEvents events;
    private final RetrySchedule retry;
    private final String origin;
    private final boolean handshake;
    private final Duration requestTimeout;
    private final ObjectProvider<MeterRegistry> meters;
    private final Clock clock;
    private final List<WebhookSubscription> subscriptions = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private DeadLetterParking parking;
    private volatile boolean running;

    public WebhookDispatcher(ConnectorHub hub,
                             @Value("${iwa.connectors.hub-oin:99999999000000000999}") String hubOin,
                             @Value("${iwa.connectors.inbox.origin:iwa-hub}") String origin,
                             @Value("${iwa.connectors.inbox.handshake:true}") boolean handshake,
                             @Value("${iwa.connectors.inbox.retry.initial:10s}") Duration initial,
                             @Value("${iwa.connectors.inbox.retry.factor:2}") double factor,
                             @Value("${iwa.connectors.inbox.retry.max-interval:1h}") Duration maxInterval,
                             @Value("${iwa.connectors.inbox.retry.give-up-after:24h}") Duration giveUpAfter,
                             @Value("${iwa.connectors.inbox.request-timeout:30s}") Duration requestTimeout,
                             ObjectProvider<MeterRegistry> meters) {
        this.hub = hub;
        this.events = new InboxCloudEvents(hubOin);
        this.retry = new RetrySchedule(initial, factor, maxInterval, giveUpAfter);
        this.origin = origin;
        this.handshake = handshake;
        this.requestTimeout = requestTimeout;
        this.meters = meters;
        // waits are wall-clock time, not the hub's (possibly accelerated) business clock
        this.clock = Clock.systemUTC();
    }

    public List<WebhookStatus> statuses() {
        synchronized (subscriptions) {
            return subscriptions.stream().map(WebhookSubscription::status).toList();
        }
    }

    @Override
    public void start() {
        List<ConnectorPartner> webhookPartners = hub.connectorPartners().stream()
                .filter(p -> p.receivesBy(ConnectorSettings.Delivery.WEBHOOK)).toList();
        if (!webhookPartners.isEmpty()) {
            parking = new DeadLetterParking(hub);
        }
        for (ConnectorPartner partner : webhookPartners) {
            ConnectorSettings.Inbox inbox = partner.settings().inbox();
            WebhookClient client = new WebhookClient(inbox.url(), token(inbox), origin, requestTimeout);
            WebhookSubscription subscription = new WebhookSubscription(partner, hub, events, retry, client, parking, clock, handshake);
            synchronized (subscriptions) {
                subscriptions.add(subscription);
            }
            register(subscription);
            Thread thread = new Thread(subscription, "iwa-webhook-" + partner.id());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
            log.info("inbox of {} is delivered by webhook", partner.id());
        }
        running = true;
    }

    private void register(WebhookSubscription s) {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry == null) {
            return;
        }
        Gauge.builder("iwa.connectors.webhook.retired", s, x -> x.status().state() == WebhookState.RETIRED ? 1 : 0)
                .description("1 if the partner's webhook answered 410 Gone and gets nothing more").tag("partner", s.partnerId())
                .register(registry);
        Gauge.builder("iwa.connectors.webhook.failed.attempts", s, x -> x.status().attempts())
                .description("failed tries of the message waiting for the partner's webhook").tag("partner", s.partnerId())
                .register(registry);
        FunctionCounter.builder("iwa.connectors.webhook.delivered", s, x -> x.status().delivered())
                .description("inbox messages the partner's webhook took (2xx)").tag("partner", s.partnerId()).register(registry);
        FunctionCounter.builder("iwa.connectors.webhook.dead.lettered", s, x -> x.status().deadLettered())
                .description("inbox messages parked on the dead-letter topic after the webhook gave up or refused")
                .tag("partner", s.partnerId()).register(registry);
    }

    /** Read at each request, so a rotated token is used without a restart; never logged. */
    private static Supplier<String> token(ConnectorSettings.Inbox inbox) {
        if (inbox.tokenFile() != null) {
            return () -> {
                try {
                    return Files.readString(inbox.tokenFile()).trim();
                } catch (IOException e) {
                    log.warn("webhook token file cannot be read ({})", e.getClass().getSimpleName());
                    return null;
                }
            };
        }
        return () -> System.getenv(inbox.tokenEnv());
    }

    @Override
    public void stop() {
        running = false;
        synchronized (subscriptions) {
            subscriptions.forEach(WebhookSubscription::stop);
        }
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (parking != null) {
            parking.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
