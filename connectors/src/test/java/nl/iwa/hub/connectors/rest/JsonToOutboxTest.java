package nl.iwa.hub.connectors.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import nl.iwa.hub.contract.common.LifeDomain;
import nl.iwa.hub.contract.common.Urgency;
import nl.iwa.hub.contract.outbox.ConsentAction;
import nl.iwa.hub.contract.outbox.ConsentChange;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonToOutboxTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private final JsonToOutbox mapper = new JsonToOutbox(Clock.fixed(NOW, ZoneOffset.UTC));

    static final String HANDOFF = """
            {"messageId":"m-1","correlationId":"c-1","receiverPartnerId":"socialteam-heerlen",
             "purpose":"PSYCHOSOCIAL_SUPPORT","occurredAt":"2026-03-01T10:15:00+01:00",
             "body":{"handoffId":"h-1","reasonCode":"PSYCHOSOCIAL_CONCERN","requestedAction":"CONTACT_RESIDENT",
                     "domain":"SOCIAL","subject":{"bsn":"999990019","birthDate":"1971-02-03"},
                     "facts":{"concernCodes":["LONELINESS"],"arrearsAmountCents":148000}}}""";

    private OutboxMessage map(MessageKind kind, String json) {
        return mapper.toOutbox(kind, mapper.parse(json.getBytes(StandardCharsets.UTF_8)), "gp-heerlen-centrum");
    }

    @Test
    void aHandoffRequestBecomesTheContractsRecordWithTheAuthenticatedSender() {
        OutboxMessage m = map(MessageKind.HANDOFF_REQUEST, HANDOFF);

        assertThat(m.getSenderPartnerId()).isEqualTo("gp-heerlen-centrum");
        assertThat(m.getOccurredAt()).isEqualTo(Instant.parse("2026-03-01T09:15:00Z"));
        assertThat(m.getSentAt()).isEqualTo(NOW);
        assertThat(m.getSchemaVersion()).isEqualTo(1);
        HandoffRequest body = (HandoffRequest) m.getBody();
        assertThat(body.getDomain()).isEqualTo(LifeDomain.SOCIAL);
        assertThat(body.getUrgency()).isEqualTo(Urgency.NORMAL);
        assertThat(body.getSubject().getBirthDate()).isEqualTo(LocalDate.of(1971, 2, 3));
        assertThat(body.getFacts().getConcernCodes()).containsExactly("LONELINESS");
        assertThat(body.getFacts().getArrearsAmountCents()).isEqualTo(148_000L);
        assertThat(body.getFacts().getFreeText()).isNull();
    }

    @Test
    void aConsentChangeTakesItsArraysAndDefaults() {
        OutboxMessage m = map(MessageKind.CONSENT_CHANGE, """
                {"messageId":"m-2","correlationId":"c-1","receiverPartnerId":"hub","purpose":"PSYCHOSOCIAL_SUPPORT",
                 "occurredAt":"2026-03-01T10:15:00Z","senderPartnerId":"gp-heerlen-centrum",
                 "body":{"consentId":"k-1","action":"GRANTED","subject":{"bsn":"999990019"},
                         "recipientKinds":["SOCIAL_TEAM"],"validFrom":"2026-03-01T00:00:00Z","recordedBy":"poh-ggz"}}""");

        ConsentChange body = (ConsentChange) m.getBody();
        assertThat(body.getAction()).isEqualTo(ConsentAction.GRANTED);
        assertThat(body.getPurposes()).isEmpty();
        assertThat(body.getRecipientKinds()).hasSize(1);
        assertThat(body.getValidUntil()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown top field   | \"messageId\":\"m-1\"                  | \"messageId\":\"m-1\",\"bsn\":\"999990019\"   | unknown field 'bsn'",
            "unknown body field  | \"handoffId\":\"h-1\"                  | \"handoffId\":\"h-1\",\"note\":\"x\"          | unknown field 'body.note'",
            "wrong type          | \"arrearsAmountCents\":148000        | \"arrearsAmountCents\":\"148000\"             | 'body.facts.arrearsAmountCents' must be a whole number",
            "bad date            | \"birthDate\":\"1971-02-03\"           | \"birthDate\":\"03-02-1971\"                  | 'body.subject.birthDate' must be a date",
            "unknown code        | \"domain\":\"SOCIAL\"                  | \"domain\":\"PRIVATE\"                        | 'body.domain' must be one of",
            "missing required    | \"reasonCode\":\"PSYCHOSOCIAL_CONCERN\", | ''                                         | 'body.reasonCode' is required",
            "time without offset | \"occurredAt\":\"2026-03-01T10:15:00+01:00\" | \"occurredAt\":\"2026-03-01T10:15:00\" | 'occurredAt' must be an ISO-8601"})
    void badInputIsRefusedNamingTheFieldNeverTheValue(String name, String from, String to, String detail) {
        String json = HANDOFF.replace(from.strip(), to.strip());
        assertThat(json).isNotEqualTo(HANDOFF);

        assertThatThrownBy(() -> map(MessageKind.HANDOFF_REQUEST, json)).isInstanceOfSatisfying(RequestRefused.class, r -> {
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.detail()).contains(detail).doesNotContain("999990019", "148000", "03-02-1971", "PRIVATE");
        });
    }

    @Test
    void anotherSenderInTheBodyIsForbidden() {
        String json = HANDOFF.replace("\"messageId\"", "\"senderPartnerId\":\"socialteam-heerlen\",\"messageId\"");

        assertThatThrownBy(() -> map(MessageKind.HANDOFF_REQUEST, json))
                .isInstanceOfSatisfying(RequestRefused.class, r -> assertThat(r.status()).isEqualTo(403));
    }

    @Test
    void jsonThatDoesNotParseIsABadRequestQuotingNothing() {
        for (String bad : new String[] {"{\"messageId\":\"999990019\"", "[1,2]", "", "{\"a\":1,\"a\":2}"}) {
            assertThatThrownBy(() -> mapper.parse(bad.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(RequestRefused.class, r -> {
                        assertThat(r.status()).isEqualTo(400);
                        assertThat(r.detail()).doesNotContain("999990019");
                    });
        }
    }
}
