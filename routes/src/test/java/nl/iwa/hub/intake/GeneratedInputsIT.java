package nl.iwa.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import nl.iwa.hub.config.HubProperties;
import nl.iwa.hub.consent.ConsentRegistry;
import nl.iwa.hub.contract.common.CaseFacts;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.LifeDomain;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.common.Urgency;
import nl.iwa.hub.contract.outbox.ConsentAction;
import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.HandoffUpdate;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.contract.outbox.Signal;
import nl.iwa.hub.handoff.HandoffDesk;
import nl.iwa.hub.handoff.HandoffStore;
import nl.iwa.hub.handoff.WorkingDayCalendar;
import nl.iwa.hub.identity.Pseudonymiser;
import nl.iwa.hub.observability.HubMetrics;
import nl.iwa.hub.policy.ReviewedConfigLoader;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.partner.PartnerSerdes;
import nl.iwa.hub.testkit.residents.SyntheticBsn;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.provisioning.SchemaRegistration;
import nl.iwa.hub.transport.Outbound;
import nl.iwa.hub.transport.RawOutboxRecord;
import nl.iwa.hub.decision.OutboxDecisions;
import nl.iwa.hub.decision.PastDeliveries;
import nl.iwa.hub.outcome.OutcomeWriter;

/**
 * 100,000 generated inputs through the real decoder (real registry) and every decision the hub takes: each
 * must end in outputs (a delivery, a rejection, a dead letter, with an audit record), never in an exception.
 */
class GeneratedInputsIT {

    private static final String TOPIC = "iwa.housing-mijnstreek.outbox";
    private static AvroCodec codec;
    /** What writes the records: a partner's serializer, which looks the hub-registered schema up. */
    private static io.apicurio.registry.serde.avro.AvroKafkaSerializer<Object> partner;
    private static OutboxRecordHandler handler;
    private static byte[] validHeader;
    private static final AtomicLong offsets = new AtomicLong();

    @BeforeContainer
    static void hub() {
        TestInfrastructure infra = TestInfrastructure.get();
        Path dir = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
        var config = new ReviewedConfigLoader().load(dir.resolve("partners.yaml"), dir.resolve("policies.yaml"));
        nl.iwa.hub.topics.Topics topics = nl.iwa.hub.topics.Topics.withPrefix("iwa");
        // the hub's codec, with the hub's registry account: it registers the schemas of what it encodes; and, as the
        // hub does at start-up, the outbox schema under the partners' subjects, which partners only look up
        codec = new AvroCodec(infra.registryUrl(), infra.registryWriter().username(), infra.registryWriter().password());
        new SchemaRegistration(codec, new nl.iwa.hub.transport.RegistryAccount(infra.registryUrl(), infra.registryWriter().username(),
                infra.registryWriter().password()), topics, config.partners()).apply();
        partner = PartnerSerdes.serializer(infra.registryUrl());
        Clock clock = Clock.systemUTC();
        HandoffStore store = new HandoffStore();
        ConsentRegistry consents = new ConsentRegistry();
        HubMetrics metrics = new HubMetrics(new SimpleMeterRegistry());
        HandoffDesk desk = new HandoffDesk(store, config.partners(), config.policies(), new WorkingDayCalendar(), clock);
        // no deliveries were made before: a withdrawal tells nobody, which every decision path copes with
        PastDeliveries none = consentId -> List.of();
        OutboxDecisions decisions = new OutboxDecisions(config.partners(), config.policies(), consents,
                new Pseudonymiser(HubIntegrationTest.TEST_PSEUDONYM_KEY.getBytes(StandardCharsets.UTF_8)), desk, none, clock);
        handler = new OutboxRecordHandler(codec, decisions,
                new OutcomeWriter(topics, config.partners(), consents, store, metrics, clock), metrics);
        byte[] valid = partner.serialize(TOPIC, OutboxMessage.newBuilder().setMessageId("m").setCorrelationId("c")
                .setSenderPartnerId("housing-mijnstreek").setReceiverPartnerId("socialteam-heerlen").setPurpose("P")
                .setOccurredAt(Instant.now()).setSentAt(Instant.now())
                .setBody(Signal.newBuilder().setSignalType("S").setDomain(LifeDomain.DEBTS).setSubject(new Subject())
                        .setFacts(CaseFacts.newBuilder().setConcernCodes(List.of()).build()).build()).build());
        validHeader = Arrays.copyOf(valid, 5);
    }

    @AfterContainer
    static void close() {
        codec.close();
        partner.close();
    }

    /** Bytes of any shape, half of them behind a real wire-format header so they reach the Avro decoder. */
    @Property(tries = 50_000)
    void anyBytesEndInARejectionNeverAnException(@ForAll("records") byte[] value) {
        List<Outbound> out = handler.handle(new RawOutboxRecord(TOPIC, 0, offsets.incrementAndGet(), value, "housing-mijnstreek"));

        assertThat(out).extracting(Outbound::kind).contains(Outbound.Kind.AUDIT);
    }

    /** Well-formed Avro with arbitrary, often nonsensical content: every decision path, never an exception. */
    @Property(tries = 50_000)
    void anyOutboxMessageEndsInADecisionNeverAnException(@ForAll("messages") OutboxMessage message) {
        byte[] bytes = partner.serialize(TOPIC, message);

        List<Outbound> out = handler.handle(new RawOutboxRecord(TOPIC, 1, offsets.incrementAndGet(), bytes, "housing-mijnstreek"));

        assertThat(out).isNotNull();
        assertThat(out).allSatisfy(o -> assertThat(o.topic()).isNotBlank());
    }

    @Provide
    Arbitrary<byte[]> records() {
        Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> framed = any.map(tail -> {
            byte[] b = Arrays.copyOf(validHeader, 5 + tail.length);
            System.arraycopy(tail, 0, b, 5, tail.length);
            return b;
        });
        return Arbitraries.oneOf(any, framed);
    }

    @Provide
    Arbitrary<OutboxMessage> messages() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().all().ofMaxLength(300), Arbitraries.strings().withChars('x').ofMinLength(2001).ofMaxLength(2100),
                Arbitraries.of("socialteam-heerlen", "uwv-zuid-limburg", "wi-heerlen-enforcement", "housing-mijnstreek", "hub",
                        "EARLY_DEBT_SIGNALLING", "WORK_REINTEGRATION", "PSYCHOSOCIAL_SUPPORT", "", "111222333", "6411 AB"));
        Arbitrary<String> maybe = text.injectNull(0.3);
        Arbitrary<Instant> when = Arbitraries.longs().between(-10_000_000_000_000L, 10_000_000_000_000L).map(Instant::ofEpochMilli);
        Arbitrary<Subject> subject = Combinators.combine(
                Arbitraries.oneOf(maybe, Arbitraries.just(SyntheticBsn.of(1))), maybe, maybe,
                Arbitraries.integers().between(-100_000, 100_000).map(LocalDate::ofEpochDay).injectNull(0.3), maybe)
                .as((bsn, given, family, birth, postcode) -> Subject.newBuilder().setBsn(bsn).setGivenName(given)
                        .setFamilyName(family).setBirthDate(birth).setPostcode(postcode).build());
        Arbitrary<CaseFacts> facts = Combinators.combine(Arbitraries.integers().injectNull(0.5), maybe, maybe, text.list().ofMaxSize(3))
                .as((months, free, medical, codes) -> CaseFacts.newBuilder().setArrearsMonths(months).setFreeText(free)
                        .setMedicalDetail(medical).setConcernCodes(codes).build());
        Arbitrary<Object> body = Arbitraries.oneOf(
                Combinators.combine(text, Arbitraries.of(LifeDomain.class), subject, facts)
                        .as((type, domain, s, f) -> Signal.newBuilder().setSignalType(type).setDomain(domain).setSubject(s).setFacts(f).build()),
                Combinators.combine(text, text, subject, facts, Arbitraries.of(Urgency.class))
                        .as((id, reason, s, f, u) -> HandoffRequest.newBuilder().setHandoffId(id).setReasonCode(reason).setRequestedAction(reason)
                                .setDomain(LifeDomain.WORK).setUrgency(u).setSubject(s).setFacts(f).build()),
                Combinators.combine(text, Arbitraries.of(HandoffStatus.class), maybe, maybe)
                        .as((id, status, reason, outcome) -> HandoffUpdate.newBuilder().setHandoffId(id).setStatus(status)
                                .setReasonCode(reason).setOutcomeCode(outcome).build()),
                Combinators.combine(text, Arbitraries.of(ConsentAction.class), subject, text.list().ofMaxSize(3), when)
                        .as((id, action, s, list, from) -> ConsentChange.newBuilder().setConsentId(id).setAction(action).setSubject(s)
                                .setPurposes(list).setRecipientPartnerIds(list).setRecipientKinds(List.of()).setDataCategories(list)
                                .setValidFrom(from).setRecordedBy("x").build()));
        return Combinators.combine(text, text, text, text, text, when, when, body)
                .as((id, corr, sender, receiver, purpose, occurred, sent, b) -> OutboxMessage.newBuilder()
                        .setMessageId(id).setCorrelationId(corr).setSenderPartnerId(sender).setReceiverPartnerId(receiver)
                        .setPurpose(purpose).setOccurredAt(occurred).setSentAt(sent).setBody(b).build());
    }
}
