package nl.iwa.hub.ops.demo;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import nl.iwa.hub.contract.inbox.ConsentWithdrawnNotice;
import nl.iwa.hub.contract.inbox.InvolvedPartner;
import nl.iwa.hub.contract.inbox.InvolvementNotice;
import nl.iwa.hub.contract.inbox.Escalation;
import nl.iwa.hub.contract.inbox.HandoffDelivery;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.inbox.Rejection;
import nl.iwa.hub.contract.inbox.SignalDelivery;
import nl.iwa.hub.contract.inbox.StatusRelay;
import nl.iwa.hub.testkit.broker.ClientSettings;
import nl.iwa.hub.testkit.partner.InboxReader;
import nl.iwa.hub.testkit.partner.PartnerTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One partner reading its own inbox, as its system would: with its own consumer group, decoding Avro through
 * the registry. What arrives is matched to what the demo sent (via the ledger) and counted in the summary.
 */
final class PartnerInbox implements Runnable {

    private final String partner;
    private final InboxReader reader;
    private final SentLedger ledger;
    private final Summary summary;
    private final Consumer<InboxMessage> onHandoff;
    private volatile boolean running = true;

    PartnerInbox(String partner, ClientSettings connection, String registryUrl, SentLedger ledger, Summary summary, Consumer<InboxMessage> onHandoff) {
        this.partner = partner;
        this.ledger = ledger;
        this.summary = summary;
        this.onHandoff = onHandoff;
        Properties p = connection.properties();
        // the group registered as inboxConsumerGroup in partners.yaml: the hub watches its committed offsets to
        // see a handoff DELIVERED (observably consumed), not merely written
        p.put(ConsumerConfig.GROUP_ID_CONFIG, partner + "-inbox");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, partner + "-demo-inbox");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.reader = new InboxReader(p, registryUrl);
    }

    @Override
    public void run() {
        try (reader) {
            reader.subscribe(PartnerTopics.inbox(PartnerTopics.DEFAULT_PREFIX, partner));
            while (running) {
                reader.poll(Duration.ofMillis(500)).forEach(this::handle);
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer up
        } catch (RuntimeException e) {
            if (running) {
                summary.note(partner + ": inbox reader stopped (" + e.getClass().getSimpleName() + "); see the hub log");
            }
        }
    }

    void handle(InboxMessage m) {
        Object body = m.getBody();
        if (body instanceof SignalDelivery s) {
            summary.delivered(settled(m.getCausationId(), m.getOriginPartnerId(), s.getSignalType()), partner);
        } else if (body instanceof HandoffDelivery h) {
            summary.delivered(settled(m.getCausationId(), m.getOriginPartnerId(), h.getReasonCode()), partner);
            onHandoff.accept(m);
        } else if (body instanceof StatusRelay ignored) {
            // the hub relays REQUESTED itself, naming the request as its cause; only a partner's update settles here
            summary.statusRelayed(partner, Partners.HUB.equals(m.getOriginPartnerId()) ? Optional.empty() : ledger.settle(m.getCausationId()));
        } else if (body instanceof Rejection r) {
            Optional<Flow> flow = ledger.settle(r.getRejectedMessageId())
                    .or(() -> ledger.settle(DemoPartners.coordinates(r.getSourceTopic(), r.getSourcePartition(), r.getSourceOffset())));
            summary.rejected(partner, flow, r.getReasonCode().name());
        } else if (body instanceof Escalation e) {
            summary.escalated(partner, e.getLevel().name(), e.getAwaitedStatus().name());
        } else if (body instanceof ConsentWithdrawnNotice n) {
            summary.consentWithdrawnNotice(partner, n.getDeliveredMessageIds().size());
        } else if (body instanceof InvolvementNotice n) {
            summary.involvementNotice(partner, n.getChange().name(),
                    n.getPartners().stream().map(InvolvedPartner::getPartnerId).toList(), n.getCoordinatorPartnerId());
        }
    }

    private Flow settled(String causationId, String origin, String code) {
        return ledger.settle(causationId).orElseGet(() -> Flow.unpredicted(origin, partner, code));
    }

    void stop() {
        running = false;
        reader.wakeup();
    }
}
