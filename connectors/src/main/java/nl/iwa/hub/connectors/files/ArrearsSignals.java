package nl.iwa.hub.connectors.files;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import nl.iwa.hub.connectors.ConnectorPartner;
import nl.iwa.hub.connectors.ConnectorSettings;
import nl.iwa.hub.contract.common.CaseFacts;
import nl.iwa.hub.contract.common.LifeDomain;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.common.Urgency;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.contract.outbox.Signal;

/**
 * Turns a valid row into the signal a Kafka partner would write: sender the partner who dropped the file,
 * receiver, purpose and signal code from its {@code connectors.files} settings. The message id is derived from
 * the file's hash and the row number (a name-based UUID), so a row written twice is one message to the hub.
 */
public final class ArrearsSignals {

    private static final ZoneId NL = ZoneId.of("Europe/Amsterdam");

    private ArrearsSignals() {
    }

    public static String messageId(String fileHash, int rowNumber) {
        return UUID.nameUUIDFromBytes(("iwa-file:" + fileHash + ":" + rowNumber).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** One case per file: the rows of one list belong together for whoever traces the batch. */
    public static String correlationId(String fileHash) {
        return UUID.nameUUIDFromBytes(("iwa-file:" + fileHash).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static OutboxMessage signal(ConnectorPartner sender, String fileHash, int rowNumber, ArrearsRow row, Instant now) {
        ConnectorSettings.Files files = sender.settings().files();
        String signalType = files.signalTypeOrDefault();
        LocalDate today = LocalDate.ofInstant(now, NL);
        Integer months = row.arrearsStart() == null ? null : (int) ChronoUnit.MONTHS.between(row.arrearsStart(), today);
        Subject subject = Subject.newBuilder()
                .setBsn(row.bsn())
                .setGivenName(row.initials())
                .setFamilyName(row.familyName())
                .setBirthDate(row.birthDate())
                .setStreet(row.street())
                .setHouseNumber(row.houseNumber())
                .setPostcode(row.postcode())
                .setCity(row.city())
                .build();
        CaseFacts facts = CaseFacts.newBuilder().setArrearsAmountCents(row.amountCents()).setArrearsMonths(months).build();
        Signal signal = Signal.newBuilder()
                .setSignalType(signalType)
                .setDomain("RENT_ARREARS".equals(signalType) ? LifeDomain.HOUSING : LifeDomain.DEBTS)
                .setUrgency(Urgency.NORMAL)
                .setSubject(subject)
                .setFacts(facts)
                .build();
        Instant occurred = row.arrearsStart() == null ? now : row.arrearsStart().atStartOfDay(NL).toInstant();
        return OutboxMessage.newBuilder()
                .setMessageId(messageId(fileHash, rowNumber))
                .setCorrelationId(correlationId(fileHash))
                .setSenderPartnerId(sender.id())
                .setReceiverPartnerId(files.receiver())
                .setPurpose(files.purposeOrDefault())
                .setOccurredAt(occurred)
                .setSentAt(now)
                .setBody(signal)
                .build();
    }
}
