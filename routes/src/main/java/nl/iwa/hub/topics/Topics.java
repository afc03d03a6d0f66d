package nl.iwa.hub.topics;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Topic names: partner topics are {@code <prefix>.<partnerId>.outbox|inbox}. Outboxes and the dead-letter
 * topic hold records as the partners wrote them, before minimisation: they keep them only as long as a hub
 * outage or an ops replay can need them ({@code outboxRetentionMs}, 3 days by default, covers a weekend;
 * {@code deadLetterRetentionMs}, 7 days, a working week to replay).
 */
public record Topics(@DefaultValue("iwa") String prefix,
                     @DefaultValue("iwa.hub.audit") String audit,
                     @DefaultValue("iwa.hub.consent") String consent,
                     @DefaultValue("iwa.hub.handoffs") String handoffs,
                     @DefaultValue("iwa.hub.dlq") String deadLetter,
                     @DefaultValue("3") int partnerTopicPartitions,
                     @DefaultValue("1") short replicationFactor,
                     @DefaultValue("-1") long auditRetentionMs,
                     @DefaultValue("259200000") long outboxRetentionMs,
                     @DefaultValue("604800000") long deadLetterRetentionMs) {

    /** The default names and settings under another prefix: {@code <prefix>.hub.audit} and so on. */
    public static Topics withPrefix(String prefix) {
        return new Topics(prefix, prefix + ".hub.audit", prefix + ".hub.consent", prefix + ".hub.handoffs",
                prefix + ".hub.dlq", 3, (short) 1, -1, 259_200_000L, 604_800_000L);
    }

    /** The audit trail's signed seals (heads and checkpoints), beside the trail: {@code <audit>.seals}. */
    public String auditSeals() {
        return audit + ".seals";
    }

    /**
     * The file batch intake's progress per file ({@code <prefix>.hub.files}, compacted, key = the file's SHA-256):
     * written in the same transaction as the signals of each chunk, so a restart resumes where the last commit
     * ended.
     */
    public String fileIntake() {
        return prefix + ".hub.files";
    }

    /**
     * The impact figures per cell ({@code <prefix>.hub.impact}, compacted, key = the cell key of codes only; see
     * docs/impact.md): written by the impact topology, read by {@code GET /api/impact}.
     */
    public String impact() {
        return prefix + ".hub.impact";
    }

    /**
     * The partitioned engine's decide topic ({@code <prefix>.hub.decide}, internal): every outbox record re-keyed by
     * the pseudonym of the resident it is about, so one resident's records share a partition (docs/engine-design.md).
     * Holds records as partners wrote them: kept as briefly as the outboxes, written and read by the hub alone.
     */
    public String decide() {
        return prefix + ".hub.decide";
    }

    /** Status updates keyed by their handoff id ({@code <prefix>.hub.handoff-updates}, internal), to be routed to their resident. */
    public String handoffUpdates() {
        return prefix + ".hub.handoff-updates";
    }

    /** The REST ingress's receipts (see the connectors' RestReceipts): {@code <prefix>.hub.connect.receipts}. */
    public String connectReceipts() {
        return prefix + ".hub.connect.receipts";
    }

    public String outbox(String partnerId) {
        return prefix + "." + partnerId + ".outbox";
    }

    public String inbox(String partnerId) {
        return prefix + "." + partnerId + ".inbox";
    }

    /** The partner id of an outbox topic name, or null if the name is not an outbox of this prefix. */
    public String outboxOwner(String topic) {
        String head = prefix + ".";
        String tail = ".outbox";
        if (topic == null || !topic.startsWith(head) || !topic.endsWith(tail) || topic.length() <= head.length() + tail.length()) {
            return null;
        }
        return topic.substring(head.length(), topic.length() - tail.length());
    }
}
