package nl.iwa.hub.connectors.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import nl.iwa.hub.connectors.ConnectorHub;
import nl.iwa.hub.connectors.ConnectorPartner;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one batch file exactly once: its SHA-256 names it; its rows become signals in the partner's outbox,
 * written in chunks, each chunk in one Kafka transaction together with the file's progress on the hub's file
 * intake topic. A restart (or a second drop of the same content) reads that progress first: a finished file gives
 * nothing new; a file interrupted after row n resumes after row n, and the transaction that was open when the hub
 * died is aborted by the broker when this producer (same transactional id) starts. So every valid row reaches
 * the outbox once, whatever happens between chunks. The file ends with one more transaction, the hub's: the final
 * progress and the report in the partner's inbox together, so the report, too, comes exactly once.
 */
public final class FileBatchIntake implements AutoCloseable {

    /**
     * Called before each chunk's commit (chunks count from 1) and before the file's last transaction, its report
     * ({@link #FINISH}); tests use it to die in the middle of a file.
     */
    @FunctionalInterface
    public interface ChunkHook {
        void beforeCommit(int chunk);
    }

    /** The chunk number {@link ChunkHook} is called with before the transaction that finishes a file. */
    public static final int FINISH = 0;

    private static final Logger log = LoggerFactory.getLogger(FileBatchIntake.class);
    private static final ZoneId NL = ZoneId.of("Europe/Amsterdam");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectorHub hub;
    private final String transactionalId;
    private final int chunkSize;
    private final Clock clock;
    private final ChunkHook hook;
    private KafkaProducer<String, byte[]> producer;

    public FileBatchIntake(ConnectorHub hub, String transactionalId, int chunkSize, Clock clock, ChunkHook hook) {
        this.hub = hub;
        this.transactionalId = transactionalId;
        this.chunkSize = chunkSize;
        this.clock = clock;
        this.hook = hook;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outcome of one pick-up of a file: its progress (its report) and whether it had been done before. */
    public record Outcome(FileProgress progress, boolean repeated) {
    }

    public synchronized Outcome process(ConnectorPartner partner, String fileName, byte[] content) {
        String hash = sha256(content);
        KafkaProducer<String, byte[]> tx = producer();
        Optional<FileProgress> known = progress(hash);
        if (known.isPresent() && known.get().done()) {
            log.info("file {} of {} was processed before: nothing new", shortHash(hash), partner.id());
            return new Outcome(known.get(), true);
        }
        FileProgress progress = known.orElseGet(() -> FileProgress.start(hash, partner.id()));
        Instant now = clock.instant();
        ArrearsCsvReader reader = new ArrearsCsvReader(content, LocalDate.ofInstant(now, NL));
        ArrearsCsvReader.Header header = reader.header();
        if (!header.usable()) {
            FileProgress refused = progress.refused(header.fileProblem());
            finish(partner, refused);
            log.info("file {} of {} refused as a whole: {}", shortHash(hash), partner.id(), header.fileProblem());
            return new Outcome(refused, false);
        }
        if (progress.rowsDone() > 0) {
            log.info("file {} of {} resumes after row {}", shortHash(hash), partner.id(), progress.rowsDone());
        }
        Chunker chunker = new Chunker(tx, partner, progress, now);
        reader.rows(header, progress.rowsDone(), chunker::add);
        chunker.flush();
        FileProgress finished = chunker.progress.finished();
        finish(partner, finished);
        log.info("file {} of {}: {} rows, {} signals, {} rejected", shortHash(hash), partner.id(), finished.rowsRead(),
                finished.accepted(), finished.rejected().size());
        return new Outcome(finished, false);
    }

    /** Collects rows into chunks and writes each chunk with the progress after it. */
    private final class Chunker {
        private final KafkaProducer<String, byte[]> tx;
        private final ConnectorPartner partner;
        private final Instant now;
        private final List<ProducerRecord<String, byte[]>> signals = new ArrayList<>();
        private final List<FileProgress.Rejection> rejected = new ArrayList<>();
        private FileProgress progress;
        private int rows;
        private int lastRow;
        private int chunk;

        Chunker(KafkaProducer<String, byte[]> tx, ConnectorPartner partner, FileProgress progress, Instant now) {
            this.tx = tx;
            this.partner = partner;
            this.progress = progress;
            this.now = now;
        }

        void add(ArrearsCsvReader.Row row) {
            rows++;
            lastRow = row.number();
            if (row.verdict().accepted()) {
                var message = ArrearsSignals.signal(partner, progress.fileHash(), row.number(), row.verdict().row(), now);
                // the message id as key: no personal data, and the rows spread over the outbox's partitions
                signals.add(new ProducerRecord<>(partner.outboxTopic(), message.getMessageId(),
                        hub.encode(partner.outboxTopic(), message)));
            } else {
                rejected.add(new FileProgress.Rejection(row.number(), row.verdict().reason()));
            }
            if (rows == chunkSize) {
                flush();
            }
        }

        void flush() {
            if (rows == 0) {
                return;
            }
            progress = progress.after(lastRow, rows, signals.size(), rejected);
            commit(tx, signals, progress, ++chunk);
            signals.clear();
            rejected.clear();
            rows = 0;
        }
    }

    /**
     * The file's last transaction, the hub's rather than this producer's: its final progress and its report in the
     * partner's inbox, audited, together (see {@link ConnectorHub#finishFile}). It follows the last chunk's commit;
     * a crash in between leaves the progress IN_PROGRESS after the last row, so the next pick-up reads no row and
     * comes straight here.
     */
    private void finish(ConnectorPartner partner, FileProgress done) {
        hook.beforeCommit(FINISH);
        hub.finishFile(partner.id(), ArrearsSignals.correlationId(done.fileHash()), FileIntakeReports.of(done), json(done));
    }

    private void commit(KafkaProducer<String, byte[]> tx, List<ProducerRecord<String, byte[]>> records, FileProgress progress, int chunk) {
        try {
            tx.beginTransaction();
            records.forEach(tx::send);
            tx.send(new ProducerRecord<>(hub.fileIntakeTopic(), progress.fileHash(), json(progress)));
            hook.beforeCommit(chunk);
            tx.commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            // another hub took over this transactional id, or the producer cannot go on: start afresh next time
            closeProducer();
            throw e;
        } catch (KafkaException e) {
            tx.abortTransaction();
            throw e;
        }
    }

    /** The last committed progress of the file with this hash, read from the file intake topic. */
    Optional<FileProgress> progress(String hash) {
        FileProgress[] latest = {null};
        // the hub reads its own topic from the start each time a file arrives (it is compacted)
        hub.readAll(hub.fileIntakeTopic(), r -> {
            if (hash.equals(r.key()) && r.value() != null) {
                latest[0] = read(r.value());
            }
        });
        return Optional.ofNullable(latest[0]);
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = hub.kafkaProperties();
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            KafkaProducer<String, byte[]> created = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
            // fences an earlier producer with this id and aborts the transaction it left open
            created.initTransactions();
            producer = created;
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private static byte[] json(FileProgress progress) {
        try {
            return JSON.writeValueAsBytes(progress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileProgress read(byte[] value) {
        try {
            return JSON.readValue(value, FileProgress.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable progress record on the file intake topic", e);
        }
    }

    /** Enough of the hash to find the file in the reports, short enough for a log line. */
    static String shortHash(String hash) {
        return hash.substring(0, 12);
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}
