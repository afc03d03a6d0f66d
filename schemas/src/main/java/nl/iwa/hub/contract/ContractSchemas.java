package nl.iwa.hub.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.consent.ConsentRecord;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.inbox.InboxMessage;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import org.apache.avro.Schema;

/**
 * The top-level value schemas of the hub's topics: one entry per topic role, registered in the schema
 * registry under the TopicNameStrategy subject {@code <topic>-value}.
 *
 * <p>Released versions are kept as JSON under {@code released/v<N>/} so that a build can prove the current
 * schemas still read everything written with a released one (BACKWARD compatibility). Run {@link #main} to
 * write the current schemas as a new release.
 */
public enum ContractSchemas {
    OUTBOX("outbox", OutboxMessage.getClassSchema()),
    INBOX("inbox", InboxMessage.getClassSchema()),
    AUDIT("audit", AuditRecord.getClassSchema()),
    CONSENT("consent", ConsentRecord.getClassSchema()),
    HANDOFF("handoff", HandoffRecord.getClassSchema()),
    IMPACT("impact", nl.iwa.hub.contract.impact.ImpactCell.getClassSchema());

    /** The releases the current schemas must stay BACKWARD compatible with, oldest first. */
    public static final List<String> RELEASES = List.of("v1", "v2");

    private final String role;
    private final Schema schema;

    ContractSchemas(String role, Schema schema) {
        this.role = role;
        this.schema = schema;
    }

    public String role() {
        return role;
    }

    public Schema schema() {
        return schema;
    }

    /** Name of the released copy of this schema inside a release folder. */
    public String releasedFileName() {
        return role + ".avsc";
    }

    /** Writes the current schemas to {@code <dir>/<role>.avsc}; usage: ContractSchemas schemas/src/main/resources/released/v2 */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ContractSchemas <release directory>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (ContractSchemas s : values()) {
            Files.writeString(dir.resolve(s.releasedFileName()), s.schema.toString(true) + "\n");
            System.out.println("wrote " + dir.resolve(s.releasedFileName()));
        }
    }
}
