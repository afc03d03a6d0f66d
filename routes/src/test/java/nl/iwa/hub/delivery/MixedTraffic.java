package nl.iwa.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.partner.PartnerSerdes;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import nl.iwa.hub.testkit.TopicProbe;
import nl.iwa.hub.transport.KafkaConnection;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Traffic from two partners for the delivery-guarantee tests: 60 % lawful housing signals, 20 % lawful UWV
 * signals, 10 % blocked (no policy), 10 % invalid (unknown receiver, dead-lettered). Afterwards it checks that
 * every message was decided (audited) exactly once and every accepted one delivered exactly once, counted by
 * message id with read_committed.
 */
final class MixedTraffic implements AutoCloseable {

    private final String prefix;
    private final KafkaConnection inspector;
    private final String registryUrl;
    private final PartnerClient housing;
    private final PartnerClient uwv;
    private final List<OutboxMessage> all = new ArrayList<>();
    private final List<OutboxMessage> accepted = new ArrayList<>();

    /** {@code partners} connects a partner by id; {@code inspector} reads the hub's and receivers' topics to count. */
    MixedTraffic(String prefix, Function<String, KafkaConnection> partners, KafkaConnection inspector, String registryUrl) {
        this.prefix = prefix;
        this.inspector = inspector;
        this.registryUrl = registryUrl;
        this.housing = new PartnerClient("housing-mijnstreek", prefix, partners.apply("housing-mijnstreek").properties(), registryUrl);
        this.uwv = new PartnerClient("uwv-zuid-limburg", prefix, partners.apply("uwv-zuid-limburg").properties(), registryUrl);
    }

    /** Publishes {@code count} more messages and waits until the broker has them all. */
    void send(int count) {
        for (int i = 0; i < count; i++) {
            int dice = ThreadLocalRandom.current().nextInt(10);
            OutboxMessage m;
            PartnerClient from;
            if (dice < 6) {
                from = housing;
                m = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(SyntheticResidents.next())).build();
                accepted.add(m);
            } else if (dice < 8) {
                from = uwv;
                m = uwv.message("wi-heerlen-support", "INCOME_CONTINUITY", Bodies.rentArrears(SyntheticResidents.next())).build();
                accepted.add(m);
            } else if (dice < 9) {
                from = housing; // blocked: no policy
                m = housing.message("wi-heerlen-enforcement", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(SyntheticResidents.next())).build();
            } else {
                from = uwv; // invalid: rejected and dead-lettered
                m = uwv.message("uwv-elders", "INCOME_CONTINUITY", Bodies.rentArrears(SyntheticResidents.next())).build();
            }
            from.sendAsync(m);
            all.add(m);
        }
        housing.flush();
        uwv.flush();
    }

    int sent() {
        return all.size();
    }

    /** A live count of audit records, to pick moments for kills and restarts. */
    TopicProbe<AuditRecord> auditProbe() {
        return probe(prefix + ".hub.audit");
    }

    /**
     * Waits until every message is decided, then asserts once-only audit and delivery; returns the figures.
     * {@code stillRunning} throws when the hub has died, so the wait ends there instead of running out.
     */
    Outcome awaitExactlyOnce(Duration wait, Runnable stillRunning) {
        Map<String, OutboxMessage> byId = all.stream().collect(Collectors.toMap(OutboxMessage::getMessageId, Function.identity()));
        try (TopicProbe<AuditRecord> audit = auditProbe();
             TopicProbe<InboxMessage> social = probe(prefix + ".socialteam-heerlen.inbox");
             TopicProbe<InboxMessage> wi = probe(prefix + ".wi-heerlen-support.inbox")) {
            await().atMost(wait).pollInterval(Duration.ofSeconds(1)).until(() -> {
                stillRunning.run();
                return audit.records().stream().map(r -> r.value().getMessageId()).filter(byId::containsKey).distinct().count() == all.size();
            });
            Map<String, Long> audits = count(audit.readToEnd().stream().map(r -> r.value().getMessageId()).filter(byId::containsKey).toList());
            // deliveries only: the hub's own messages about a flow (involvement notices) name it as their cause too
            Map<String, Long> deliveries = new HashMap<>(count(social.readToEnd().stream().map(r -> r.value())
                    .filter(MixedTraffic::isDelivery).map(InboxMessage::getCausationId).toList()));
            count(wi.readToEnd().stream().map(r -> r.value()).filter(MixedTraffic::isDelivery).map(InboxMessage::getCausationId).toList())
                    .forEach((k, v) -> deliveries.merge(k, v, Long::sum));

            long deliveredOnce = accepted.stream().filter(m -> Long.valueOf(1).equals(deliveries.get(m.getMessageId()))).count();
            long duplicates = accepted.stream().filter(m -> deliveries.getOrDefault(m.getMessageId(), 0L) > 1).count();
            long lost = accepted.stream().filter(m -> !deliveries.containsKey(m.getMessageId())).count();
            assertThat(audits.values()).as("audit records per message").allMatch(n -> n == 1);
            assertThat(audits).hasSize(all.size());
            assertThat(accepted).allSatisfy(m -> assertThat(deliveries.get(m.getMessageId())).as(m.getMessageId()).isEqualTo(1L));
            return new Outcome(all.size(), accepted.size(), deliveredOnce, duplicates, lost);
        }
    }

    record Outcome(int sent, int accepted, long deliveredOnce, long duplicates, long lost) {
    }

    private static boolean isDelivery(InboxMessage m) {
        return m.getBody() instanceof nl.iwa.hub.contract.inbox.SignalDelivery || m.getBody() instanceof nl.iwa.hub.contract.inbox.HandoffDelivery;
    }

    private static Map<String, Long> count(List<String> ids) {
        return ids.stream().filter(Objects::nonNull).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T> TopicProbe<T> probe(String topic) {
        return new TopicProbe<>(inspector.properties(), topic, (Deserializer) PartnerSerdes.deserializer(registryUrl));
    }

    @Override
    public void close() {
        housing.close();
        uwv.close();
    }
}
