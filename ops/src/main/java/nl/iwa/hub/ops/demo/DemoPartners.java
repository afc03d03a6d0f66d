package nl.iwa.hub.ops.demo;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.iwa.hub.contract.common.CaseFacts;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.LifeDomain;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.common.Urgency;
import nl.iwa.hub.contract.inbox.ConsentWithdrawnNotice;
import nl.iwa.hub.contract.inbox.Escalation;
import nl.iwa.hub.contract.inbox.HandoffDelivery;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.inbox.Rejection;
import nl.iwa.hub.contract.inbox.SignalDelivery;
import nl.iwa.hub.contract.inbox.StatusRelay;
import nl.iwa.hub.contract.outbox.ConsentAction;
import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.contract.outbox.Signal;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Six partner systems as they would talk to the hub: each writes Avro to its own outbox and reads its own
 * inbox with its own consumer group. They produce a realistic mix, including flows the hub must block, and
 * answer handoffs the way people do: most accept, some decline with a suggestion, some never answer.
 */
public final class DemoPartners implements AutoCloseable {

    public static final String SOCIAL_TEAM = "socialteam-heerlen";
    public static final String WI_SUPPORT = "wi-heerlen-support";
    public static final String WI_ENFORCEMENT = "wi-heerlen-enforcement";
    public static final String UWV = "uwv-zuid-limburg";
    public static final String GP = "gp-heerlen-centrum";
    public static final String HOUSING = "housing-mijnstreek";
    public static final List<String> ALL = List.of(SOCIAL_TEAM, WI_SUPPORT, WI_ENFORCEMENT, UWV, GP, HOUSING);

    private final String bootstrap;
    private final String registryUrl;
    private final Summary summary;
    private final KafkaProducer<String, Object> producer;
    private final KafkaProducer<String, byte[]> rawProducer;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final List<Thread> readers = new ArrayList<>();
    private final List<KafkaConsumer<String, Object>> consumers = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    public DemoPartners(String bootstrap, String registryUrl, Summary summary) {
        this.bootstrap = bootstrap;
        this.registryUrl = registryUrl;
        this.summary = summary;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        AvroKafkaSerializer<Object> serializer = new AvroKafkaSerializer<>();
        serializer.configure(Map.of(SchemaResolverConfig.REGISTRY_URL, registryUrl, SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true), false);
        producer = new KafkaProducer<>(p, new StringSerializer(), serializer);
        rawProducer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Starts the inbox readers and the traffic, {@code rate} scenarios per second. */
    public void start(double rate) {
        for (String partner : ALL) {
            Thread t = new Thread(() -> readInbox(partner), "inbox-" + partner);
            t.setDaemon(true);
            readers.add(t);
            t.start();
        }
        long periodMicros = (long) (1_000_000 / Math.max(0.1, rate));
        scheduler.scheduleAtFixedRate(this::safeScenario, 2_000_000, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void safeScenario() {
        try {
            scenario(ThreadLocalRandom.current().nextInt(100));
        } catch (RuntimeException e) {
            summary.event("demo: could not send (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** One scenario, picked by weight (the weights add up to 100). */
    void scenario(int dice) {
        Subject resident = SyntheticResidents.next();
        String caseId = UUID.randomUUID().toString();
        if (dice < 30) {
            send(HOUSING, SOCIAL_TEAM, "EARLY_DEBT_SIGNALLING", caseId, signal("RENT_ARREARS", LifeDomain.HOUSING, resident));
        } else if (dice < 44) {
            send(UWV, WI_SUPPORT, "INCOME_CONTINUITY", caseId, signal("BENEFIT_ENDING", LifeDomain.INCOME, resident));
        } else if (dice < 54) {
            consent(WI_SUPPORT, SOCIAL_TEAM, "SUPPORT_COORDINATION", caseId, resident, "IDENTITY", "CONTACT", "PARTICIPATION");
            send(WI_SUPPORT, SOCIAL_TEAM, "SUPPORT_COORDINATION", caseId, signal("TRAJECTORY_DROP_OUT", LifeDomain.WORK, resident));
        } else if (dice < 66) {
            consent(SOCIAL_TEAM, UWV, "WORK_REINTEGRATION", caseId, resident, "IDENTITY", "CONTACT", "INCOME", "PARTICIPATION", "FREE_TEXT");
            send(SOCIAL_TEAM, UWV, "WORK_REINTEGRATION", caseId, handoff("WORK_REINTEGRATION", LifeDomain.WORK, resident));
        } else if (dice < 74) {
            consent(GP, SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", caseId, resident, "IDENTITY", "CONTACT", "WELLBEING");
            send(GP, SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", caseId, handoff("PSYCHOSOCIAL_CONCERN", LifeDomain.SOCIAL, resident));
        } else if (dice < 78) {
            // the GP forgot to record consent: the hub must block this
            send(GP, SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", caseId, handoff("PSYCHOSOCIAL_CONCERN", LifeDomain.SOCIAL, resident));
        } else if (dice < 81) {
            // consent given, used, then withdrawn: the social team is told to stop processing
            String consentId = consent(GP, SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", caseId, resident, "IDENTITY", "CONTACT", "WELLBEING");
            send(GP, SOCIAL_TEAM, "PSYCHOSOCIAL_SUPPORT", caseId, handoff("PSYCHOSOCIAL_CONCERN", LifeDomain.SOCIAL, resident));
            scheduler.schedule(() -> withdraw(GP, consentId, caseId, resident), 3, TimeUnit.SECONDS);
        } else if (dice < 86) {
            send(HOUSING, WI_ENFORCEMENT, "EARLY_DEBT_SIGNALLING", caseId, signal("RENT_ARREARS", LifeDomain.HOUSING, resident));
        } else if (dice < 90) {
            send(SOCIAL_TEAM, WI_ENFORCEMENT, "SUPPORT_COORDINATION", caseId, signal("MULTI_PROBLEM_HOUSEHOLD", LifeDomain.SOCIAL, resident));
        } else if (dice < 94) {
            resident.setBsn("999999991"); // fails the 11-test
            send(HOUSING, SOCIAL_TEAM, "EARLY_DEBT_SIGNALLING", caseId, signal("RENT_ARREARS", LifeDomain.HOUSING, resident));
        } else if (dice < 97) {
            send(UWV, "uwv-elders", "INCOME_CONTINUITY", caseId, signal("BENEFIT_ENDING", LifeDomain.INCOME, resident));
        } else {
            rawProducer.send(new ProducerRecord<>("iwa." + HOUSING + ".outbox", caseId,
                    "%PDF-1.4 not an Avro record".getBytes(StandardCharsets.US_ASCII)));
            summary.count(HOUSING, "sent");
        }
    }

    private static Signal signal(String type, LifeDomain domain, Subject resident) {
        return Signal.newBuilder().setSignalType(type).setDomain(domain).setUrgency(Urgency.NORMAL)
                .setSubject(resident).setFacts(facts()).build();
    }

    private static HandoffRequest handoff(String reason, LifeDomain domain, Subject resident) {
        return HandoffRequest.newBuilder().setHandoffId(UUID.randomUUID().toString()).setReasonCode(reason)
                .setRequestedAction("TAKE_OVER").setDomain(domain)
                .setUrgency(ThreadLocalRandom.current().nextInt(10) == 0 ? Urgency.THREATENING : Urgency.NORMAL)
                .setSubject(resident).setFacts(facts()).build();
    }

    /** Partners fill in more than any one flow may pass on; the hub minimises. */
    private static CaseFacts facts() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return CaseFacts.newBuilder()
                .setArrearsMonths(2 + r.nextInt(4))
                .setArrearsAmountCents(50_000L + r.nextInt(300_000))
                .setBenefitType(r.nextBoolean() ? "WW" : "WIA")
                .setBenefitEndDate(LocalDate.now().plusWeeks(2 + r.nextInt(8)))
                .setTrajectoryCode("PARTICIPATIE")
                .setMissedAppointments(r.nextInt(5))
                .setConcernCodes(List.of("FINANCIAL_STRESS"))
                .setFreeText("demo remark: spoke with the resident at the counter")
                .build();
    }

    private String consent(String recorder, String recipient, String purpose, String caseId, Subject resident, String... categories) {
        String consentId = UUID.randomUUID().toString();
        ConsentChange grant = ConsentChange.newBuilder()
                .setConsentId(consentId).setAction(ConsentAction.GRANTED).setSubject(resident)
                .setPurposes(List.of(purpose)).setRecipientPartnerIds(List.of(recipient)).setRecipientKinds(List.of())
                .setDataCategories(List.of(categories))
                .setValidFrom(Instant.now().minus(1, ChronoUnit.MINUTES))
                .setValidUntil(Instant.now().plus(3650, ChronoUnit.DAYS))
                .setEvidenceReference("demo-form").setRecordedBy("demo-professional").build();
        send(recorder, "hub", purpose, caseId, grant);
        return consentId;
    }

    private void withdraw(String recorder, String consentId, String caseId, Subject resident) {
        ConsentChange w = ConsentChange.newBuilder().setConsentId(consentId).setAction(ConsentAction.WITHDRAWN)
                .setSubject(resident).setValidFrom(Instant.now()).setRecordedBy("demo-professional").build();
        send(recorder, "hub", "PSYCHOSOCIAL_SUPPORT", caseId, w);
        summary.event(recorder + ": consent withdrawn by the resident");
    }

    private void send(String from, String to, String purpose, String caseId, Object body) {
        Instant now = Instant.now();
        OutboxMessage m = OutboxMessage.newBuilder()
                .setMessageId(UUID.randomUUID().toString()).setCorrelationId(caseId)
                .setSenderPartnerId(from).setReceiverPartnerId(to).setPurpose(purpose)
                .setOccurredAt(now).setSentAt(now).setBody(body).build();
        producer.send(new ProducerRecord<>("iwa." + from + ".outbox", caseId, m));
        summary.count(from, "sent");
    }

    private void readInbox(String partner) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, partner + "-inbox");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, 1000);
        AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(Map.of(SchemaResolverConfig.REGISTRY_URL, registryUrl, AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true), false);
        KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(p, new StringDeserializer(), deserializer);
        synchronized (consumers) {
            consumers.add(consumer);
        }
        try (consumer) {
            consumer.subscribe(List.of("iwa." + partner + ".inbox"));
            while (running.get()) {
                for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() instanceof InboxMessage m) {
                        onInbox(partner, m);
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the consumer up
        } catch (RuntimeException e) {
            summary.event(partner + ": inbox reader stopped (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void onInbox(String partner, InboxMessage m) {
        Object body = m.getBody();
        if (body instanceof SignalDelivery s) {
            summary.count(partner, "received");
            summary.event(String.format("%-22s -> %-22s %-24s delivered", m.getOriginPartnerId(), partner, s.getSignalType()));
        } else if (body instanceof HandoffDelivery h) {
            summary.count(partner, "received");
            summary.event(String.format("%-22s -> %-22s %-24s handoff delivered", m.getOriginPartnerId(), partner, h.getReasonCode()));
            answer(partner, m.getOriginPartnerId(), m.getPurpose(), m.getCorrelationId(), h.getHandoffId());
        } else if (body instanceof Rejection r) {
            summary.count(partner, "rejected:" + r.getReasonCode());
            summary.event(String.format("%-22s blocked: %s (%s)", partner, r.getReasonCode(), r.getReason()));
        } else if (body instanceof StatusRelay s) {
            summary.count(partner, "relay");
            summary.event(String.format("%-22s hears: handoff %s… is %s%s", partner, s.getHandoffId().substring(0, 8), s.getStatus(),
                    s.getOutcomeCode() != null ? " (" + s.getOutcomeCode() + ")" : s.getSuggestedPartnerId() != null
                            ? " (suggests " + s.getSuggestedPartnerId() + ")" : ""));
        } else if (body instanceof Escalation e) {
            summary.count(partner, "escalation");
            summary.event(String.format("%-22s ESCALATION %s: handoff %s… still not %s", partner, e.getLevel(),
                    e.getHandoffId().substring(0, 8), e.getAwaitedStatus()));
        } else if (body instanceof ConsentWithdrawnNotice n) {
            summary.count(partner, "consent-notice");
            summary.event(String.format("%-22s told to stop processing %d deliveries (consent withdrawn)", partner,
                    n.getDeliveredMessageIds().size()));
        }
    }

    /** How the receiving professional responds: mostly accepts, sometimes declines, sometimes never answers. */
    private void answer(String receiver, String sender, String purpose, String caseId, String handoffId) {
        int dice = ThreadLocalRandom.current().nextInt(100);
        if (dice >= 85) {
            return; // nobody picks it up: the hub's deadlines and escalations take over
        }
        update(receiver, sender, purpose, caseId, handoffId, HandoffStatus.RECEIVED, 1, u -> u.setAccountable("demo-team-" + receiver));
        if (dice >= 70) {
            update(receiver, sender, purpose, caseId, handoffId, HandoffStatus.DECLINED, 3, u -> {
                u.setReasonCode("NOT_IN_TARGET_GROUP");
                u.setSuggestedPartnerId(WI_SUPPORT);
            });
            return;
        }
        update(receiver, sender, purpose, caseId, handoffId, HandoffStatus.ACCEPTED, 3, u -> { });
        update(receiver, sender, purpose, caseId, handoffId, HandoffStatus.IN_PROGRESS, 5, u -> { });
        update(receiver, sender, purpose, caseId, handoffId, HandoffStatus.COMPLETED, 8,
                u -> u.setOutcomeCode(dice < 50 ? "HELP_ACCEPTED" : "NOT_REACHABLE"));
    }

    private void update(String receiver, String sender, String purpose, String caseId, String handoffId, HandoffStatus status,
                        int afterSeconds, java.util.function.Consumer<HandoffUpdate> details) {
        scheduler.schedule(() -> {
            HandoffUpdate u = HandoffUpdate.newBuilder().setHandoffId(handoffId).setStatus(status).build();
            details.accept(u);
            send(receiver, sender, purpose, caseId, u);
        }, afterSeconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        running.set(false);
        scheduler.shutdownNow();
        synchronized (consumers) {
            consumers.forEach(KafkaConsumer::wakeup);
        }
        for (Thread t : readers) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
        rawProducer.close(Duration.ofSeconds(5));
    }
}
