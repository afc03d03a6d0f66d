package nl.iwa.hub.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.contract.outbox.Signal;
import nl.iwa.hub.policy.ReviewedConfigLoader;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.messages.OutboxMessages;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OutboxMessageValidatorTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final OutboxMessageValidator VALIDATOR;

    static {
        Path dir = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
        VALIDATOR = new OutboxMessageValidator(new ReviewedConfigLoader().load(dir.resolve("partners.yaml"), dir.resolve("policies.yaml")).partners());
    }

    static OutboxMessage valid() {
        return OutboxMessages.envelope("housing-mijnstreek", "socialteam-heerlen", "EARLY_DEBT_SIGNALLING",
                Bodies.rentArrears(SyntheticResidents.next())).setOccurredAt(NOW.minusSeconds(60)).setSentAt(NOW).build();
    }

    static Subject subject(OutboxMessage m) {
        return ((Signal) m.getBody()).getSubject();
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of("empty message id", (Consumer<OutboxMessage>) m -> m.setMessageId(""), ReasonCode.SCHEMA_INVALID),
                Arguments.of("BSN as correlation id", (Consumer<OutboxMessage>) m -> m.setCorrelationId("case-111222333"), ReasonCode.SCHEMA_INVALID),
                Arguments.of("e-mail as correlation id", (Consumer<OutboxMessage>) m -> m.setCorrelationId("jan@example.nl"), ReasonCode.SCHEMA_INVALID),
                Arguments.of("other sender", (Consumer<OutboxMessage>) m -> m.setSenderPartnerId("uwv-zuid-limburg"), ReasonCode.SENDER_MISMATCH),
                Arguments.of("lower-case purpose", (Consumer<OutboxMessage>) m -> m.setPurpose("debts"), ReasonCode.SCHEMA_INVALID),
                Arguments.of("occurred next month", (Consumer<OutboxMessage>) m -> m.setOccurredAt(NOW.plus(Duration.ofDays(30))), ReasonCode.IMPLAUSIBLE_TIMESTAMP),
                Arguments.of("sent in 1970", (Consumer<OutboxMessage>) m -> m.setSentAt(Instant.EPOCH), ReasonCode.IMPLAUSIBLE_TIMESTAMP),
                Arguments.of("unknown receiver", (Consumer<OutboxMessage>) m -> m.setReceiverPartnerId("housing-elders"), ReasonCode.UNKNOWN_RECEIVER),
                Arguments.of("BSN failing the 11-test", (Consumer<OutboxMessage>) m -> subject(m).setBsn("123456789"), ReasonCode.INVALID_IDENTITY),
                Arguments.of("bad postcode", (Consumer<OutboxMessage>) m -> subject(m).setPostcode("64111 AB"), ReasonCode.INVALID_IDENTITY),
                Arguments.of("born in the future", (Consumer<OutboxMessage>) m -> subject(m).setBirthDate(java.time.LocalDate.of(2030, 1, 1)), ReasonCode.INVALID_IDENTITY),
                Arguments.of("no identity", (Consumer<OutboxMessage>) m -> { subject(m).setBsn(null); subject(m).setPostcode(null); }, ReasonCode.INVALID_IDENTITY),
                Arguments.of("name-based without initials", (Consumer<OutboxMessage>) m -> { subject(m).setBsn(null); subject(m).setGivenName(null); }, ReasonCode.INVALID_IDENTITY),
                Arguments.of("a family name of punctuation", (Consumer<OutboxMessage>) m -> { subject(m).setBsn(null); subject(m).setFamilyName("!!!"); }, ReasonCode.INVALID_IDENTITY),
                Arguments.of("a family name of digits", (Consumer<OutboxMessage>) m -> { subject(m).setBsn(null); subject(m).setFamilyName("1234"); }, ReasonCode.INVALID_IDENTITY),
                Arguments.of("10,000 characters of free text", (Consumer<OutboxMessage>) m -> ((Signal) m.getBody()).getFacts().setFreeText("x".repeat(10_000)), ReasonCode.SCHEMA_INVALID),
                Arguments.of("control characters", (Consumer<OutboxMessage>) m -> subject(m).setFamilyName("Jan\u0000sen"), ReasonCode.SCHEMA_INVALID),
                Arguments.of("the subject's BSN in a UUID-form message id", (Consumer<OutboxMessage>) m -> m.setMessageId(
                        "0000" + subject(m).getBsn().substring(0, 4) + "-" + subject(m).getBsn().substring(4, 8) + "-" + subject(m).getBsn().charAt(8)
                                + "000-8000-000000000000"), ReasonCode.SCHEMA_INVALID),
                Arguments.of("the subject's BSN in a UUID-form case id", (Consumer<OutboxMessage>) m -> m.setCorrelationId(
                        "6f1c2a9e-1b7d-4c3e-9a5b-" + "e" + subject(m).getBsn() + "ab"), ReasonCode.SCHEMA_INVALID),
                Arguments.of("negative arrears", (Consumer<OutboxMessage>) m -> ((Signal) m.getBody()).getFacts().setArrearsMonths(-1), ReasonCode.SCHEMA_INVALID));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("violations")
    void rejectsWithAPreciseReason(String name, Consumer<OutboxMessage> breakIt, ReasonCode expected) {
        OutboxMessage m = valid();
        breakIt.accept(m);

        assertThat(VALIDATOR.validate(m, "housing-mijnstreek", NOW)).get().extracting(Violation::code).isEqualTo(expected);
    }

    @RepeatedTest(50)
    void acceptsWellFormedMessagesWithRandomIds() {
        OutboxMessage m = valid();

        assertThat(VALIDATOR.validate(m, "housing-mijnstreek", NOW)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("violations")
    void reasonsNeverRepeatTheValuesTheyComplainAbout(String name, Consumer<OutboxMessage> breakIt, ReasonCode expected) {
        OutboxMessage m = valid();
        breakIt.accept(m);
        Subject s = subject(m);

        String reason = VALIDATOR.validate(m, "housing-mijnstreek", NOW).orElseThrow().reason();

        assertThat(SyntheticResidents.personalValues(s)).noneMatch(reason::contains);
        assertThat(reason).doesNotContain("111222333", "jan@example.nl", "Jan\u0000sen");
    }
}
