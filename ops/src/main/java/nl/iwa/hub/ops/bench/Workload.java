package nl.iwa.hub.ops.bench;

import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.inbox.HandoffDelivery;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.ops.demo.Flow;
import nl.iwa.hub.ops.demo.Partners;
import nl.iwa.hub.ops.demo.Scenario;
import nl.iwa.hub.ops.demo.TrafficMix;
import nl.iwa.hub.testkit.broker.ClientSettings;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.messages.OutboxMessages;
import nl.iwa.hub.testkit.partner.PartnerSerdes;
import nl.iwa.hub.testkit.partner.PartnerTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The partners' side of the benchmark: cases from the demo's traffic mix (signals, consent-based handoffs with
 * the consent recorded first, flows that must be blocked), written to {@code <prefix>.<partner>.outbox} as
 * Avro through the registry, plus the receivers' status updates (RECEIVED) on handoffs they got. Lawful flows
 * and status updates are awaited in the measurement; consent changes and blocked flows are not.
 */
final class Workload implements AutoCloseable {

    private static final List<Scenario> MIX = List.of(Scenario.RENT_ARREARS, Scenario.BENEFIT_ENDING, Scenario.DROP_OUT,
            Scenario.WORK_REINTEGRATION, Scenario.PSYCHOSOCIAL, Scenario.PSYCHOSOCIAL_WITHOUT_CONSENT,
            Scenario.HOUSING_TO_ENFORCEMENT, Scenario.SOCIAL_TEAM_TO_ENFORCEMENT);

    private final String prefix;
    private final Residents residents;
    private final TrafficMix mix = new TrafficMix(MIX);
    private final KafkaProducer<String, Object> producer;
    private volatile Measurement measurement;

    /**
     * A lookup by content logs the whole schema at INFO (java.util.logging), once per serializer: held here so the
     * setting stays, and kept off the benchmark's console.
     */
    private static final java.util.logging.Logger SCHEMA_LOOKUP_LOG =
            java.util.logging.Logger.getLogger("io.apicurio.registry.resolver.DefaultSchemaResolver");

    static {
        SCHEMA_LOOKUP_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    Workload(String prefix, ClientSettings connection, String registryUrl, Residents residents) {
        this.prefix = prefix;
        this.residents = residents;
        Properties p = connection.properties();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-partners-" + prefix);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        // one producer, connected as the benchmark's operator account, writes every partner's outbox (not a
        // PartnerClient per partner, each its own principal, as in the demo); its serializer is a partner's all the same
        producer = new KafkaProducer<>(p, new StringSerializer(), PartnerSerdes.serializer(registryUrl));
    }

    void measureInto(Measurement m) {
        this.measurement = m;
    }

    /**
     * Outbox messages a case costs on average: the consent change before a consent-based flow, the flow, and the
     * receiver's status update on a delivered handoff. The pacer divides the message rate by it.
     */
    double messagesPerCase() {
        double messages = 0;
        for (Scenario s : MIX) {
            boolean answered = s.kind() == Scenario.Kind.HANDOFF && Flow.DELIVERED.equals(s.expected());
            messages += s.weight() * (1 + (s.recordsConsent() ? 1 : 0) + (answered ? 1 : 0));
        }
        return messages / mix.totalWeight();
    }

    /** Sends one case picked by the mix's weights; returns the messages written. */
    int sendCase() {
        return sendCase(mix.pick(ThreadLocalRandom.current().nextInt(mix.totalWeight())));
    }

    /**
     * One case of every scenario in the mix: every partner's outbox and inbox, and every schema, used once.
     * Returns the messages written.
     */
    int sendEveryScenario() {
        int written = 0;
        for (Scenario s : MIX) {
            written += sendCase(s);
        }
        return written;
    }

    /** Sends one case: its consent first where it needs one, then the flow; returns the messages written. */
    int sendCase(Scenario s) {
        String caseId = UUID.randomUUID().toString();
        Subject resident = residents.forCase(s);
        int written = 0;
        if (s.recordsConsent()) {
            OutboxMessage consent = OutboxMessages.inCase(s.sender(), Partners.HUB, s.purpose(), caseId,
                    s.consentGrant(UUID.randomUUID().toString(), resident));
            send(consent, false);
            written++;
        }
        send(OutboxMessages.inCase(s.sender(), s.receiver(), s.purpose(), caseId, s.body(resident)), Flow.DELIVERED.equals(s.expected()));
        return written + 1;
    }

    /** The receiver of a delivered handoff confirms receipt, naming the accountable team; awaited as a relay. */
    void answer(InboxMessage delivery) {
        HandoffDelivery h = (HandoffDelivery) delivery.getBody();
        HandoffUpdate u = Bodies.update(h.getHandoffId(), HandoffStatus.RECEIVED);
        u.setAccountable("bench-team");
        send(OutboxMessages.inCase(delivery.getReceiverPartnerId(), delivery.getOriginPartnerId(), delivery.getPurpose(),
                delivery.getCorrelationId(), u), true);
    }

    private void send(OutboxMessage m, boolean awaited) {
        Measurement now = measurement;
        if (now != null) {
            now.sent(m.getMessageId(), awaited, System.nanoTime());
        }
        // keyed by case: a consent and its flow land on the same partition, in order
        producer.send(new ProducerRecord<>(PartnerTopics.outbox(prefix, m.getSenderPartnerId()), m.getCorrelationId(), m));
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
