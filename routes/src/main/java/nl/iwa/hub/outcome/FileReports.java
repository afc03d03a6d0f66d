package nl.iwa.hub.outcome;

import java.time.Clock;
import java.util.List;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.partners.Partner;
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

    /** The {@code messageType} of the report's audit record. */
    public static final String MESSAGE_TYPE = "FILE_INTAKE_REPORT";

    private final Topics topics;
    private final InboxMessages inbox;
    private final AuditRecords audit;

    public FileReports(Topics topics, Clock clock) {
        this.topics = topics;
        this.inbox = new InboxMessages(clock);
        this.audit = new AuditRecords(clock);
    }

    /** The report's inbox message id: derived from the file, so a repeated write of it carries the same id. */
    public static String messageId(String partnerId, String fileHash) {
        return MessageIds.derive("file/" + partnerId + "/" + fileHash + "/report");
    }

    public List<Outbound> finish(String partnerId, String correlationId, FileIntakeReport report, byte[] finalProgress) {
        String messageId = messageId(partnerId, report.getFileHash());
        InboxMessage message = inbox.fromHub(messageId, correlationId, null, partnerId, report);
        AuditRecord record = audit.decision(Decision.DELIVERED, MESSAGE_TYPE, Partner.HUB, topics.fileIntake(), -1, -1)
                .setMessageId(null) // no outbox message behind it; the detail names the inbox message
                .setCorrelationId(correlationId)
                .setReceiverPartnerId(partnerId)
                .setFieldsDelivered(List.of())
                .setFieldsRemoved(List.of())
                .setDetail("report " + messageId + " of file " + report.getFileHash() + ": " + report.getStatus()
                        + (report.getFileProblem() == null ? "" : " " + report.getFileProblem())
                        + ", rows " + report.getRowsRead() + ", accepted " + report.getAccepted()
                        + ", rejected " + report.getRejectedCount())
                .build();
        return List.of(
                Outbound.raw(Outbound.Kind.FILE_PROGRESS, topics.fileIntake(), report.getFileHash(), finalProgress),
                Outbound.avro(Outbound.Kind.FILE_REPORT, topics.inbox(partnerId), correlationId, message),
                audit.out(topics, record));
    }
}
