package nl.iwa.hub.ops.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import nl.iwa.hub.contract.common.PartnerKind;
import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.contract.outbox.CoordinationAction;
import nl.iwa.hub.contract.outbox.CoordinationChange;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.inbox.HandoffDelivery;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testkit.broker.ClientSettings;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.messages.OutboxMessages;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.partner.PartnerTopics;
import nl.iwa.hub.testkit.residents.SyntheticBsn;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The six demo partner systems: they write Avro to their own outboxes at the requested rate, following the
 * {@link TrafficMix}, read their own inboxes, and answer the handoffs they receive. Each connects with its own
 * credentials (certificate or SCRAM), as the organisations would: the broker lets each write only its own outbox.
 */
public final class DemoPartners implements AutoCloseable {

    private final TrafficMix mix = TrafficMix.standard();
    private final SentLedger ledger = new SentLedger(100_000);
    private final Summary summary;
    /** One client per Kafka partner: each is its own principal to the broker, as six organisations would be. */
    private final Map<String, PartnerClient> clients = new java.util.LinkedHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "demo-partners");
        t.setDaemon(true);
        return t;
    });
    private final List<PartnerInbox> inboxes = new ArrayList<>();
    private final DemoConnectors connectors;
    private final List<Thread> readers = new ArrayList<>();
    private volatile boolean producing;

    /** {@code connections}: each demo partner's own credentials (the broker lets each write only its own outbox). */
    public DemoPartners(Map<String, ClientSettings> connections, String registryUrl, Summary summary) {
        this(connections, registryUrl, summary, DemoConnectors.NONE);
    }

    /**
     * @param connectors the partners that send by REST instead of Kafka, receive their inbox by webhook instead of
     *                   reading it from Kafka, or drop files beside their Kafka traffic
     */
    public DemoPartners(Map<String, ClientSettings> connections, String registryUrl, Summary summary, DemoConnectors connectors) {
        this.summary = summary;
        this.connectors = connectors;
        connectors.webhooks().forEach((partner, receiver) -> {
            WebhookInbox inbox = new WebhookInbox(partner, ledger, summary, this::answer);
            receiver.onHandshake(() -> summary.webhookHandshake(partner));
            receiver.onEvent(inbox::handle);
        });
        for (String partner : Partners.ALL) {
            String transport = connectors.transport(partner);
            if (!transport.equals("kafka")) {
                summary.via(partner, transport);
            }
            ClientSettings connection = connections.get(partner);
            if (connection == null) {
                throw new IllegalArgumentException("no credentials for demo partner " + partner + " (is it in partners.yaml?)");
            }
            Properties p = connection.properties();
            p.put(ProducerConfig.CLIENT_ID_CONFIG, partner + "-demo");
            p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            if (!connectors.rest().containsKey(partner)) {
                clients.put(partner, new PartnerClient(partner, PartnerTopics.DEFAULT_PREFIX, p, registryUrl));
            }
            if (!connectors.webhooks().containsKey(partner)) {
                // a webhook partner's inbox group is the hub's to read on its behalf
                inboxes.add(new PartnerInbox(partner, connection, registryUrl, ledger, summary, this::answer));
            }
        }
    }

    /** Starts the inbox readers, then traffic of about {@code messagesPerSecond} outbox messages a second. */
    public void start(double messagesPerSecond) {
        for (PartnerInbox inbox : inboxes) {
            Thread t = new Thread(inbox, "inbox-reader");
            t.setDaemon(true);
            readers.add(t);
            t.start();
        }
        producing = true;
        double casesPerSecond = Math.max(0.05, messagesPerSecond / mix.averageMessagesPerCase());
        long periodMicros = (long) (1_000_000 / casesPerSecond);
        scheduler.scheduleAtFixedRate(this::playOneCase, 0, periodMicros, TimeUnit.MICROSECONDS);
        connectors.fileDrops().values().forEach(drop -> drop.start(FILE_EVERY_SECONDS));
    }

    /** The housing corporation's accounting system exports its arrears list once a minute. */
    static final long FILE_EVERY_SECONDS = 60;

    /** Stops sending new cases and answers; the inboxes keep being read. */
    public void stopProducing() {
        producing = false;
        scheduler.shutdownNow();
        connectors.fileDrops().values().forEach(ArrearsFileDrop::stopDropping);
    }

    private void playOneCase() {
        if (!producing) {
            return;
        }
        try {
            play(mix.pick(ThreadLocalRandom.current().nextInt(mix.totalWeight())));
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: report and carry on with the next case
            summary.note("demo: could not send a case (" + e.getClass().getSimpleName() + ")");
        }
    }

    void play(Scenario scenario) {
        String caseId = UUID.randomUUID().toString();
        Subject resident = scenario.newResident();
        if (scenario.kind() == Scenario.Kind.GARBAGE) {
            sendGarbage(scenario, caseId);
            return;
        }
        if (scenario == Scenario.INVALID_BSN) {
            resident.setBsn(SyntheticBsn.INVALID);
        }
        String consentId = null;
        if (scenario.recordsConsent()) {
            // same correlation id, so the same key and partition as the flow: the hub records it first
            consentId = UUID.randomUUID().toString();
            sendConsent(scenario.sender(), scenario.purpose(), caseId, scenario.consentGrant(consentId, resident));
        }
        send(OutboxMessages.inCase(scenario.sender(), scenario.receiver(), scenario.purpose(), caseId, scenario.body(resident)),
                scenario.flow());
        if (scenario == Scenario.HOUSEHOLD_CIRCLE) {
            later(2, () -> gpJoins(resident));
            later(5, () -> socialTeamCoordinates(resident, caseId));
        }
        if (scenario == Scenario.PSYCHOSOCIAL_THEN_WITHDRAWN) {
            String withdrawn = consentId;
            later(4, () -> {
                sendConsent(scenario.sender(), scenario.purpose(), caseId, Bodies.withdraw(withdrawn, resident));
                summary.note(Summary.line(scenario.sender(), Partners.HUB, "CONSENT_WITHDRAWN", "the resident withdrew consent"));
            });
        }
    }

    /** The GP hands the resident of a household circle to the social team, with consent naming the circle's kinds. */
    private void gpJoins(Subject resident) {
        String gpCase = UUID.randomUUID().toString();
        ConsentChange consent = Scenario.PSYCHOSOCIAL.consentGrant(UUID.randomUUID().toString(), resident);
        consent.setRecipientPartnerIds(List.of());
        consent.setRecipientKinds(List.of(PartnerKind.SOCIAL_TEAM, PartnerKind.GP_PRACTICE, PartnerKind.HOUSING));
        sendConsent(Partners.GP, Scenario.PSYCHOSOCIAL.purpose(), gpCase, consent);
        send(OutboxMessages.inCase(Partners.GP, Partners.SOCIAL_TEAM, Scenario.PSYCHOSOCIAL.purpose(), gpCase,
                Scenario.PSYCHOSOCIAL.body(resident)), Scenario.PSYCHOSOCIAL.flow());
    }

    /** The social team claims the coordination of a household circle's case (contract v2). */
    private void socialTeamCoordinates(Subject resident, String caseId) {
        CoordinationChange claim = CoordinationChange.newBuilder().setAction(CoordinationAction.CLAIMED).setSubject(resident)
                .setRecordedBy("demo-regisseur").build();
        OutboxMessage m = OutboxMessages.inCase(Partners.SOCIAL_TEAM, Partners.HUB, "SUPPORT_COORDINATION", caseId, claim);
        m.setSchemaVersion(2);
        // like a consent change, a coordination change is only answered when it is rejected
        ledger.sent(m.getMessageId(), Flow.unpredicted(Partners.SOCIAL_TEAM, Partners.HUB, "COORDINATION_CHANGE"));
        summary.sent(Partners.SOCIAL_TEAM);
        summary.note(Summary.line(Partners.SOCIAL_TEAM, Partners.HUB, "COORDINATION", "claims the coordination of a household"));
        RestPartner rest = connectors.rest().get(Partners.SOCIAL_TEAM);
        if (rest != null) {
            rest.send(m, () -> ledger.settle(m.getMessageId()));
            return;
        }
        clients.get(Partners.SOCIAL_TEAM).sendAsync(m);
    }

    private void answer(InboxMessage delivery) {
        HandoffDelivery h = (HandoffDelivery) delivery.getBody();
        answer(new WebhookInbox.Handoff(delivery.getReceiverPartnerId(), delivery.getOriginPartnerId(), delivery.getPurpose(),
                delivery.getCorrelationId(), h.getHandoffId()));
    }

    /**
     * A receiver's professional answers a delivered handoff, step by step (see {@link HandoffResponder}), through
     * the receiver's own way of sending: Kafka, or REST.
     */
    private void answer(WebhookInbox.Handoff delivery) {
        String receiver = delivery.receiver();
        String sender = delivery.sender();
        for (HandoffResponder.Step step : HandoffResponder.plan(ThreadLocalRandom.current().nextInt(100))) {
            later(step.afterSeconds(), () -> {
                HandoffUpdate u = Bodies.update(delivery.handoffId(), step.status());
                if (step.status() == HandoffStatus.RECEIVED) {
                    u.setAccountable("demo-team-" + receiver);
                }
                u.setReasonCode(step.reasonCode());
                u.setSuggestedPartnerId(step.suggestedPartnerId());
                u.setOutcomeCode(step.outcomeCode());
                send(OutboxMessages.inCase(receiver, sender, delivery.purpose(), delivery.correlationId(), u),
                        Flow.unpredicted(receiver, sender, "HANDOFF_" + step.status()));
            });
        }
    }

    private void later(int seconds, Runnable task) {
        if (!producing) {
            return;
        }
        try {
            scheduler.schedule(() -> {
                if (producing) {
                    task.run();
                }
            }, seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the demo is stopping; answers not given now are never given, like a professional who left
        }
    }

    private void send(OutboxMessage m, Flow flow) {
        ledger.sent(m.getMessageId(), flow);
        summary.sent(m.getSenderPartnerId());
        RestPartner rest = connectors.rest().get(m.getSenderPartnerId());
        if (rest != null) {
            rest.send(m, () -> ledger.settle(m.getMessageId()));
            return;
        }
        clients.get(m.getSenderPartnerId()).sendAsync(m, (md, e) -> {
            if (e != null) {
                ledger.settle(m.getMessageId());
                summary.note(m.getSenderPartnerId() + ": could not write to its outbox (" + e.getClass().getSimpleName() + ")");
            }
        });
    }

    private void sendConsent(String recorder, String purpose, String caseId, Object change) {
        OutboxMessage m = OutboxMessages.inCase(recorder, Partners.HUB, purpose, caseId, change);
        // a consent change is only answered when it is rejected
        ledger.sent(m.getMessageId(), Flow.unpredicted(recorder, Partners.HUB, "CONSENT_CHANGE"));
        summary.consentRecorded(recorder);
        RestPartner rest = connectors.rest().get(recorder);
        if (rest != null) {
            rest.send(m, () -> ledger.settle(m.getMessageId()));
            return;
        }
        clients.get(recorder).sendAsync(m);
    }

    /** Not Avro at all: the hub cannot read a message id, so the rejection is matched by topic, partition and offset. */
    private void sendGarbage(Scenario scenario, String caseId) {
        summary.sent(scenario.sender());
        byte[] junk = ("%PDF-1.4 demo export written to the wrong place " + caseId).getBytes(StandardCharsets.US_ASCII);
        clients.get(scenario.sender()).sendRawAsync(caseId, junk, (md, e) -> {
            if (e == null) {
                ledger.sent(coordinates(md.topic(), md.partition(), md.offset()), scenario.flow());
            }
        });
    }

    static String coordinates(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    /**
     * Waits until the hub has answered what was sent (no inbox activity for a moment, a report for every dropped
     * file), at most {@code max};
     * so that the final summary adds up. Polls a timestamp: there is no single event to wait on.
     */
    public void drain(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline && (summary.nanosSinceLastActivity() < TimeUnit.MILLISECONDS.toNanos(1500)
                || connectors.fileDrops().values().stream().anyMatch(drop -> drop.awaitingReports() > 0))) {
            Thread.sleep(200);
        }
    }

    public Summary summary() {
        return summary;
    }

    @Override
    public void close() {
        stopProducing();
        inboxes.forEach(PartnerInbox::stop);
        for (Thread t : readers) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        connectors.fileDrops().values().forEach(ArrearsFileDrop::close);
        connectors.rest().values().forEach(RestPartner::close);
        clients.values().forEach(c -> c.close(Duration.ofSeconds(3)));
    }
}
