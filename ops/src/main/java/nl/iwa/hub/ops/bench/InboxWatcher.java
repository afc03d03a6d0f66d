package nl.iwa.hub.ops.bench;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import nl.iwa.hub.contract.inbox.HandoffDelivery;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.inbox.Rejection;
import nl.iwa.hub.contract.inbox.SignalDelivery;
import nl.iwa.hub.contract.inbox.StatusRelay;
import nl.iwa.hub.testkit.broker.ClientSettings;
import nl.iwa.hub.testkit.partner.InboxReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The receivers' side: one read_committed consumer on every {@code <prefix>.*.inbox}, matching what arrives
 * to what was sent (deliveries and relays by causation id) and letting receivers answer delivered handoffs.
 */
final class InboxWatcher implements Runnable, AutoCloseable {

    private final String prefix;
    private final InboxReader reader;
    private final Consumer<InboxMessage> onHandoff;
    private final Thread thread;
    private volatile Measurement measurement;
    private volatile boolean running = true;

    InboxWatcher(String prefix, ClientSettings connection, String registryUrl, Consumer<InboxMessage> onHandoff) {
        this.prefix = prefix;
        this.onHandoff = onHandoff;
        Properties p = connection.properties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-inbox-" + prefix);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 2000); // see inbox topics created after subscribing soon
        reader = new InboxReader(p, registryUrl);
        thread = new Thread(this, "bench-inbox-" + prefix);
        thread.setDaemon(true);
    }

    void start() {
        reader.subscribe(Pattern.compile(Pattern.quote(prefix + ".") + "[^.]+\\.inbox"));
        thread.start();
    }

    void measureInto(Measurement m) {
        this.measurement = m;
    }

    /** Whether the consumer has partitions assigned yet (so nothing sent from now on is missed). */
    boolean assigned() {
        return assignedCount > 0;
    }

    private volatile int assignedCount;

    @Override
    public void run() {
        try {
            while (running) {
                reader.poll(Duration.ofMillis(100)).forEach(this::handle);
                assignedCount = reader.assignedPartitions();
            }
        } catch (WakeupException stopping) {
            // close() woke it
        }
    }

    private void handle(InboxMessage m) {
        long now = System.nanoTime();
        Measurement into = measurement;
        if (into == null) {
            return;
        }
        Object body = m.getBody();
        if (body instanceof SignalDelivery) {
            into.arrived(m.getCausationId(), "signal", now);
        } else if (body instanceof HandoffDelivery) {
            // the answer first: it is awaited before the delivery stops being, so "nothing outstanding" never
            // holds in between (the priming and the drain end on it)
            onHandoff.accept(m);
            into.arrived(m.getCausationId(), "handoff", now);
        } else if (body instanceof StatusRelay) {
            if ("hub".equals(m.getOriginPartnerId())) {
                into.extra("hub relay"); // REQUESTED/DELIVERED, the hub's own news to the sender
            } else {
                into.arrived(m.getCausationId(), "relay", now);
            }
        } else if (body instanceof Rejection r) {
            into.rejected(m.getCausationId(), r.getReasonCode().name());
        } else {
            into.extra(body.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        running = false;
        reader.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.close(Duration.ofSeconds(2));
    }
}
