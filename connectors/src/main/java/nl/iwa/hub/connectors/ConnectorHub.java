package nl.iwa.hub.connectors;

import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the connectors need from the hub, and all they may use of it: the partners that connect through them,
 * the hub's Kafka connection (its own identity; a connector writes a partner's outbox only for the partner its
 * caller authenticated as), and the codec of the contract. The hub application implements it. The connectors
 * never decide anything: what they write to an outbox is decided by the hub like any partner's record.
 */
public interface ConnectorHub {

    /** The partners with a {@code connectors} block, in file order. */
    List<ConnectorPartner> connectorPartners();

    Optional<ConnectorPartner> partner(String partnerId);

    /** A fresh copy of the hub's Kafka client settings: bootstrap servers and security. */
    Properties kafkaProperties();

    /** A prefix for the transactional ids of connector producers, unique per running hub. */
    String transactionalIdPrefix();

    /**
     * The hub's compacted topic where the file batch intake keeps its progress per file (key: the file's SHA-256),
     * written in the same transactions as the file's signals. Only the hub reads and writes it.
     */
    String fileIntakeTopic();

    /**
     * The hub's compacted topic where the REST ingress keeps what it answered to each accepted message (partner and
     * a hash of the messageId as key), written in one transaction with the outbox record: how a repeat gets the
     * first answer, also after a restart. Only the hub reads or writes it.
     */
    String restReceiptsTopic();

    /**
     * The hub's dead-letter topic, where a connector parks a record it gave up on (by its coordinates, with the hub's
     * dead-letter headers), so ops find it beside every other parked record.
     */
    String deadLetterTopic();

    /**
     * Every committed record of one of the hub's own topics, from its start to the end seen when the read begins
     * (the hub's topic reader: assigned, no group, read_committed, bounded in time).
     */
    void readAll(String topic, java.util.function.Consumer<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> sink);

    /**
     * A 32-byte key derived from the hub's secret for one {@code purpose}: the same after a restart and on every
     * hub instance, so what a connector seals with it (a pull cursor) stays valid.
     */
    byte[] secretFor(String purpose);

    /**
     * Ends the intake of a batch file: in one transaction of the hub's outbound path, the file's final progress
     * ({@code finalProgress}, JSON, on {@link #fileIntakeTopic()} under the file's hash) and the file's report in the
     * sending partner's inbox, audited like every message the hub writes to an inbox. Committed together or not at
     * all, so a file gets its report exactly once: a crash before the commit leaves the file unfinished, and it ends
     * when it is picked up again; a finished file is never reported again.
     *
     * @param correlationId the correlation id of the file's signals, so the report and the signals trace together
     */
    void finishFile(String partnerId, String correlationId, nl.iwa.hub.contract.inbox.FileIntakeReport report,
                    byte[] finalProgress);

    /** Avro in the Confluent wire format, with the schema registered for the topic's subject. */
    byte[] encode(String topic, SpecificRecord value);

    /** The record, or a failure description if it cannot be read. */
    Object decode(String topic, byte[] value);
}
