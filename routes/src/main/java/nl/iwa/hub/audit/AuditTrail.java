package nl.iwa.hub.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import nl.iwa.hub.contract.audit.AuditRecord;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Seals audit records into a hash chain: each record's hash covers the previous hash and the record's own
 * Avro binary form (with the hash field empty), so a changed, removed or reordered record breaks the chain.
 */
public final class AuditTrail {

    public static final String GENESIS = "0".repeat(64);

    private String lastWritten;
    private long length;

    /** Where the trail stands: the hash of its last record and how many records it holds since its first. */
    public record Head(String hash, long length) {

        public static final Head EMPTY = new Head(GENESIS, 0);
    }

    public AuditTrail(Head committed) {
        this.lastWritten = committed.hash();
        this.length = committed.length();
    }

    /** A trail that continues from a hash (for unit tests of the chain alone). */
    public AuditTrail(String lastWrittenHash) {
        this(new Head(lastWrittenHash == null ? GENESIS : lastWrittenHash, 0));
    }

    /**
     * Links the record to the last record known to be written. Sealing again after a failed write gives the
     * same link, so the chain only ever follows what really is on the topic.
     */
    public synchronized AuditRecord seal(AuditRecord record) {
        record.setPreviousHash(lastWritten);
        record.setHash(hashOf(record));
        return record;
    }

    /** Called once the sealed record is written (inside a transaction: provisionally, see {@link #rewindTo}). */
    public synchronized void written(AuditRecord record) {
        lastWritten = record.getHash();
        length++;
    }

    /** Undoes provisional links after an aborted transaction: the chain continues from what was committed. */
    public synchronized void rewindTo(Head head) {
        lastWritten = head.hash();
        length = head.length();
    }

    public synchronized String lastHash() {
        return lastWritten;
    }

    public synchronized Head head() {
        return new Head(lastWritten, length);
    }

    /**
     * The fields of the first release of the audit record: a record is hashed in that layout, so that records
     * written before a field was added verify the same after it; a later field takes part only when set.
     */
    private static final Schema HASHED_LAYOUT = firstReleaseLayout();

    private static Schema firstReleaseLayout() {
        Schema current = AuditRecord.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : current.getFields()) {
            if (!f.name().equals("actor")) {
                fields.add(new Schema.Field(f, f.schema()));
            }
        }
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    /** Recomputes a record's hash from its content and its previousHash. */
    public static String hashOf(AuditRecord record) {
        AuditRecord copy = AuditRecord.newBuilder(record).setHash("").build();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            // the first release's fields are the record's first fields, in the same positions
            new SpecificDatumWriter<AuditRecord>(HASHED_LAYOUT).write(copy, encoder);
            encoder.flush();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(record.getPreviousHash().getBytes(StandardCharsets.US_ASCII));
            sha.update(out.toByteArray());
            if (record.getActor() != null) {
                sha.update(("\u0000actor:" + record.getActor()).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
