package nl.iwa.hub.intake;

import java.util.List;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.decision.OutboxDecisions;
import nl.iwa.hub.decision.Outcome;
import nl.iwa.hub.decision.Violation;
import nl.iwa.hub.observability.HubMetrics;
import nl.iwa.hub.outcome.OutcomeWriter;
import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.DecodeResult;
import nl.iwa.hub.transport.Outbound;
import nl.iwa.hub.transport.RawOutboxRecord;
import nl.iwa.hub.transport.RegistryUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge between an outbox record and the hub's decision on it: decodes the bytes (through the registry),
 * has the decision core decide on the message, and has the outcome writer turn the decision into the records
 * to write. It writes nothing itself; the batch decider writes the returned records in one transaction.
 */
public final class OutboxRecordHandler {

    private static final Logger log = LoggerFactory.getLogger(OutboxRecordHandler.class);

    private final AvroCodec codec;
    private final OutboxDecisions decisions;
    private final OutcomeWriter writer;
    private final HubMetrics metrics;

    public OutboxRecordHandler(AvroCodec codec, OutboxDecisions decisions, OutcomeWriter writer, HubMetrics metrics) {
        this.codec = codec;
        this.decisions = decisions;
        this.writer = writer;
        this.metrics = metrics;
    }

    public List<Outbound> handle(RawOutboxRecord raw) {
        metrics.received(raw.owner());
        DecodeResult decoded = raw.tooLarge() ? AvroCodec.tooLarge() : codec.decodeOutbox(raw.topic(), raw.value());
        if (!decoded.isOk()) {
            return writer.write(new Outcome.DeadLettered(null, new Violation(decoded.failureCode(), decoded.failure()),
                    decoded.errorClass(), true), raw);
        }
        OutboxMessage message = decoded.message();
        try {
            return writer.write(decisions.decide(message, raw.owner()), raw);
        } catch (RegistryUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // A bug must not stop the hub or loop on one record: park the record with its coordinates.
            log.error("unexpected {} handling {}@{}/{}; record dead-lettered", e.getClass().getSimpleName(),
                    raw.topic(), raw.partition(), raw.offset());
            return writer.write(new Outcome.DeadLettered(message,
                    new Violation(ReasonCode.OTHER, "internal error while handling the record"), e.getClass().getSimpleName(),
                    true), raw);
        }
    }

    /** See {@link OutcomeWriter#unwritable}. */
    public List<Outbound> unwritable(RawOutboxRecord raw, String errorClass) {
        return writer.unwritable(raw, errorClass);
    }
}
