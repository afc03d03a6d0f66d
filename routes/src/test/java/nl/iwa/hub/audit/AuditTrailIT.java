package nl.iwa.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.testing.AuditProbe;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import org.junit.jupiter.api.Test;

/** One audit record per decision, linked in its partition's hash chain, holding codes, ids and a pseudonym only. */
class AuditTrailIT extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void everyDecisionIsAuditedOnceWithoutPersonalData() throws Exception {
        try (PartnerClient housing = partner("housing-mijnstreek"); PartnerClient gp = partner("gp-heerlen-centrum");
             AuditProbe audit = new AuditProbe()) {
            // Given a delivered, a blocked, a rejected and a consent decision, about residents with known data
            Subject a = SyntheticResidents.next();
            Subject b = SyntheticResidents.next();
            Subject c = SyntheticResidents.next();
            Subject invalid = SyntheticResidents.next();
            invalid.setBsn("123456789");
            OutboxMessage delivered = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(a)).build();
            OutboxMessage blocked = gp.message("socialteam-heerlen", "PSYCHOSOCIAL_SUPPORT", Bodies.psychosocial(b)).build();
            OutboxMessage consent = gp.message("hub", "PSYCHOSOCIAL_SUPPORT",
                    Bodies.grant(UUID.randomUUID().toString(), c, "PSYCHOSOCIAL_SUPPORT", "socialteam-heerlen", "IDENTITY")).build();
            OutboxMessage rejected = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(invalid)).build();
            List<OutboxMessage> all = List.of(delivered, blocked, consent, rejected);

            // When they are sent
            housing.send(delivered);
            gp.send(blocked);
            gp.send(consent);
            housing.send(rejected);

            // Then each has exactly one audit record with the right decision
            await().atMost(WAIT).until(() -> all.stream().allMatch(m -> !audit.forMessage(m.getMessageId()).isEmpty()));
            List<AuditRecord> records = audit.all();
            assertThat(all).allSatisfy(m -> assertThat(records).filteredOn(r -> m.getMessageId().equals(r.getMessageId())).hasSize(1));
            assertThat(audit.forMessage(delivered.getMessageId()).get(0).getDecision()).isEqualTo(Decision.DELIVERED);
            assertThat(audit.forMessage(blocked.getMessageId()).get(0).getDecision()).isEqualTo(Decision.BLOCKED);
            AuditRecord granted = audit.forMessage(consent.getMessageId()).get(0);
            assertThat(granted.getDecision()).isEqualTo(Decision.CONSENT_GRANTED);
            // who recorded it: the partner (from its outbox) and the professional's role there
            assertThat(granted.getSenderPartnerId()).isEqualTo("gp-heerlen-centrum");
            assertThat(granted.getDetail()).isEqualTo("recorded by consulent-0042 at gp-heerlen-centrum");
            assertThat(audit.forMessage(rejected.getMessageId()).get(0).getDecision()).isEqualTo(Decision.REJECTED);
            assertThat(audit.forMessage(delivered.getMessageId()).get(0).getSubjectPseudonym()).hasSize(64);

            // And no audit record holds any of the residents' personal values or free text
            List<String> personal = new ArrayList<>();
            for (Subject s : List.of(a, b, c, invalid)) {
                personal.addAll(SyntheticResidents.personalValues(s));
            }
            personal.add(Bodies.FREE_TEXT);
            personal.add(Bodies.MEDICAL);
            assertThat(records).allSatisfy(r -> assertThat(personal).noneMatch(v -> r.toString().contains(v)));
        }
    }

    @Test
    void eachPartitionOfTheAuditTopicIsAnUnbrokenHashChain() {
        try (PartnerClient housing = partner("housing-mijnstreek"); AuditProbe audit = new AuditProbe()) {
            OutboxMessage m = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(SyntheticResidents.next())).build();
            housing.send(m);
            await().atMost(WAIT).until(() -> !audit.forMessage(m.getMessageId()).isEmpty());

            Map<Integer, List<AuditRecord>> chains = audit.chains();

            assertThat(chains).isNotEmpty();
            chains.forEach((partition, chain) -> {
                String previous = AuditTrail.GENESIS;
                for (AuditRecord r : chain) {
                    assertThat(r.getPreviousHash()).as("link of %s on partition %d", r.getAuditId(), partition).isEqualTo(previous);
                    assertThat(AuditTrail.hashOf(r)).as("hash of %s", r.getAuditId()).isEqualTo(r.getHash());
                    previous = r.getHash();
                }
                assertThat(new String(chain.get(0).getPreviousHash().getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII))
                        .isEqualTo(AuditTrail.GENESIS);
            });
            // one resident's records are on one chain, in the order they were decided
            String pseudonym = audit.forMessage(m.getMessageId()).get(0).getSubjectPseudonym();
            assertThat(chains.values().stream().filter(c -> c.stream().anyMatch(r -> pseudonym.equals(r.getSubjectPseudonym()))))
                    .hasSize(1);
        }
    }
}
