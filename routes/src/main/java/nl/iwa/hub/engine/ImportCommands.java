package nl.iwa.hub.engine;

import nl.iwa.hub.audit.AuditTrail;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.consent.ConsentRecord;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.audit.kafka.AuditIndex;
import nl.iwa.hub.consent.kafka.ConsentRecordMapping;
import nl.iwa.hub.transport.AvroCodec;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classic engine's state, taken into a decide task's stores ({@link ClassicStateImport} sends it): each command
 * on the decide topic carries one record as the classic engine kept it, in the format of the topic it came from, and
 * reaches the task of its resident. The commands come before anything the topology decides, so each simply sets
 * what the classic engine knew; sent again after a failed switch, they set the same.
 */
final class ImportCommands {

    static final String CONSENT = "import-consent";
    static final String HANDOFF = "import-handoff";
    /** An audit record of the classic engine: the involvement, coordinator and delivery under consent it stands for. */
    static final String AUDIT = "import-audit";
    /** The head of the chain of the audit partition the task writes: the task's chain goes on after it. */
    static final String CHAIN_HEAD = "import-chain-head";

    static final Serde<AuditTrail.Head> HEAD = JsonSerde.of(AuditTrail.Head.class);

    private static final Logger log = LoggerFactory.getLogger(ImportCommands.class);

    private final AvroCodec codec;
    private final String consentTopic;
    private final String handoffTopic;
    private final String auditTopic;
    private final StoredConsents consents;
    private final StoredHandoffs handoffs;
    private final StoredInvolvement involvement;
    private final KeyValueStore<String, AuditTrail.Head> chainHead;

    ImportCommands(AvroCodec codec, String consentTopic, String handoffTopic, String auditTopic, StoredConsents consents,
                   StoredHandoffs handoffs, StoredInvolvement involvement, KeyValueStore<String, AuditTrail.Head> chainHead) {
        this.codec = codec;
        this.consentTopic = consentTopic;
        this.handoffTopic = handoffTopic;
        this.auditTopic = auditTopic;
        this.consents = consents;
        this.handoffs = handoffs;
        this.involvement = involvement;
        this.chainHead = chainHead;
    }

    static boolean isImport(String command) {
        return command != null && command.startsWith("import-");
    }

    /** Whether the classic engine's audit record adds a fact a decide task keeps ({@link StoredInvolvement#written}). */
    static boolean matters(AuditRecord r) {
        // sent to the resident's task, so only records that name one
        return r.getSubjectPseudonym() != null && (AuditIndex.isInvolving(r) || StoredInvolvement.deliveredUnderConsent(r)
                || StoredInvolvement.changesCoordinator(r));
    }

    /** @param partition the task's partition, for the log only */
    void apply(String command, byte[] value, int partition) {
        switch (command) {
            case CONSENT -> {
                if (codec.decode(consentTopic, value) instanceof ConsentRecord c) {
                    consents.put(ConsentRecordMapping.toConsent(c));
                }
            }
            case HANDOFF -> {
                if (codec.decode(handoffTopic, value) instanceof HandoffRecord h) {
                    handoff(h);
                }
            }
            case AUDIT -> {
                if (codec.decode(auditTopic, value) instanceof AuditRecord r) {
                    involvement.written(r);
                }
            }
            case CHAIN_HEAD -> {
                AuditTrail.Head imported = HEAD.deserializer().deserialize(null, value);
                AuditTrail.Head own = chainHead.get(DecideProcessor.CHAIN_HEAD);
                if (own == null || own.length() < imported.length()) {
                    chainHead.put(DecideProcessor.CHAIN_HEAD, imported);
                }
            }
            default -> log.error("left out an unknown import command on the decide topic at partition {}", partition);
        }
    }

    /** A handoff awaiting delivery is watched as the classic engine watched it: where its delivery is, or from when. */
    private void handoff(HandoffRecord h) {
        handoffs.put(h);
        if (h.getStatus() != HandoffStatus.REQUESTED) {
            return;
        }
        if (h.getDeliveredOffset() != null && h.getDeliveredPartition() != null) {
            handoffs.place(h.getHandoffId(), h.getDeliveredPartition(), h.getDeliveredOffset());
        } else {
            // the delivery was written when the request was decided, which is when its status began
            handoffs.deliveredUnplaced(h.getHandoffId(), h.getStatusSince().toEpochMilli());
        }
    }
}
