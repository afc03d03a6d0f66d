package nl.iwa.hub.delivery;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import nl.iwa.hub.config.HubProperties.Topics;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.contract.inbox.FileIntakeReport;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.transport.MessageIds;
import nl.iwa.hub.transport.Outbound;

/**
 * The records that end a batch file's intake, for one transaction of the hub's outbound path: the file's final
 * progress on the file intake topic, its report in the sending partner's inbox, and the audit record of that
 * delivery (last, as in every decision). The report is a message of the hub's own (origin {@code hub}, like a
 * rejection), not a partner's, so it goes where rejections go: the sender's inbox, as a body kind of its own.
 * Nothing here is a resident's data: the file is named by its hash, the rows by number and code.
 */
public final class FileReports {

    /** The origin of the hub's own inbox messages. */
    static final String HUB = "hub";
    /** The {@code messageType} of the report's audit record. */
    public static final String MESSAGE_TYPE = "FILE_INTAKE_REPORT";

    private final Topics topics;
    private final Clock clock;

    public FileReports(Topics topics, Clock clock) {
        this.topics = topics;
        this.clock = clock;
    }

    /** The report's inbox message id: derived from the file, so a repeated write of it carries the same id. */
    public static String messageId(String partnerId, String fileHash) {
        return MessageIds.derive("file/" + partnerId + "/" + fileHash + "/report");
    }

    public List<Outbound> finish(String partnerId, String correlationId, FileIntakeReport report, byte[] finalProgress) {
        String messageId = messageId(partnerId, report.getFileHash());
        InboxMessage inbox = InboxMessage.newBuilder()
                .setMessageId(messageId)
                .setCorrelationId(correlationId)
                .setCausationId(null)
                .setOriginPartnerId(HUB)
                .setReceiverPartnerId(partnerId)
                .setCreatedAt(clock.instant())
                .setBody(report)
                .build();
        AuditRecord audit = AuditRecord.newBuilder()
                .setAuditId(UUID.randomUUID().toString())
                .setRecordedAt(clock.instant())
                .setDecision(Decision.DELIVERED)
                .setMessageId(null) // no outbox message behind it; the detail names the inbox message
                .setCorrelationId(correlationId)
                .setMessageType(MESSAGE_TYPE)
                .setSenderPartnerId(HUB)
                .setReceiverPartnerId(partnerId)
                .setFieldsDelivered(List.of())
                .setFieldsRemoved(List.of())
                .setSourceTopic(topics.fileIntake())
                .setSourcePartition(-1)
                .setSourceOffset(-1)
                .setDetail("report " + messageId + " of file " + report.getFileHash() + ": " + report.getStatus()
                        + (report.getFileProblem() == null ? "" : " " + report.getFileProblem())
                        + ", rows " + report.getRowsRead() + ", accepted " + report.getAccepted()
                        + ", rejected " + report.getRejectedCount())
                .setPreviousHash("")
                .setHash("")
                .build();
        return List.of(
                Outbound.raw(Outbound.Kind.FILE_PROGRESS, topics.fileIntake(), report.getFileHash(), finalProgress),
                Outbound.avro(Outbound.Kind.FILE_REPORT, topics.inbox(partnerId), correlationId, inbox),
                Outbound.avro(Outbound.Kind.AUDIT, topics.audit(), null, audit));
    }
}
