package nl.iwa.hub.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A signed statement about the audit trail: "the trail of this topic had these chains, each with so many records
 * and the last with this hash; their Merkle root is this". A {@link Kind#HEAD} seal is written with every
 * transaction that adds audit records, so a record after the last head was not written by the hub. A
 * {@link Kind#CHECKPOINT} is written every so many records or so much time, numbered, each naming the digest of
 * the one before: the checkpoints are a chain of their own, kept for good and exported to be stored outside the
 * hub. An {@link Kind#ACCEPTED} checkpoint records that an operator chose to continue after a verification
 * problem, with that problem. The audit topic has a hash chain per partition ({@link TrailHeads}); a seal
 * commits to all of them at once, so one exported checkpoint covers the whole trail.
 *
 * <p>The signed text is plain lines, so that anyone can verify an exported seal with openssl.
 */
public record AuditSeal(Kind kind, String topic, long sequence, TrailHeads heads, String previousCheckpoint,
                        Instant sealedAt, String keyId, String accepted, byte[] signature) {

    public static final String FORMAT = "iwa-audit-seal/2";
    public static final String NONE = "-";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * HEAD: where all chains stood after a transaction of the classic engine (removed; trails it wrote still hold these
     * and verify). CHAIN_HEAD: where one chain stands, sealed by the one decide task that writes it; its {@code sequence} is that chain's partition and its
     * heads hold that one chain. CHECKPOINT and ACCEPTED: numbered, kept for good, over all chains.
     */
    public enum Kind { HEAD, CHECKPOINT, ACCEPTED, CHAIN_HEAD }

    /** The signed head of one chain (see {@link Kind#CHAIN_HEAD}). */
    public static AuditSeal chainHead(String topic, int partition, AuditTrail.Head head, Instant sealedAt, AuditSigningKey key) {
        return new AuditSeal(Kind.CHAIN_HEAD, topic, partition, new TrailHeads(java.util.List.of(head)), NONE, sealedAt,
                key.keyId(), null, null).signedWith(key);
    }

    /** For a {@link Kind#CHAIN_HEAD}: the head of the chain it seals. */
    public AuditTrail.Head chainHead() {
        return heads.chain(0);
    }

    /** The text the signature covers, one {@code name=value} per line after the format line. */
    public String signedText() {
        return FORMAT + "\nkind=" + kind + "\ntopic=" + topic + "\nsequence=" + sequence + "\nrecords=" + heads.total()
                + "\nchains=" + heads.text() + "\nroot=" + heads.root() + "\npreviousCheckpoint=" + previousCheckpoint
                + "\nsealedAt=" + sealedAt + "\nkeyId=" + keyId + "\naccepted="
                + (accepted == null ? NONE : accepted.replace('\n', ' ')) + "\n";
    }

    /** The records of all chains together, as the seal vouches for them. */
    public long records() {
        return heads.total();
    }

    /** SHA-256 (hex) of the signed text: what the next checkpoint names as its predecessor. */
    public String digest() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(signedText().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isCheckpoint() {
        return kind == Kind.CHECKPOINT || kind == Kind.ACCEPTED;
    }

    public AuditSeal signedWith(AuditSigningKey key) {
        AuditSeal unsigned = new AuditSeal(kind, topic, sequence, heads, previousCheckpoint, sealedAt, key.keyId(), accepted,
                null);
        return new AuditSeal(kind, topic, sequence, heads, previousCheckpoint, sealedAt, key.keyId(), accepted,
                key.sign(unsigned.signedText()));
    }

    public boolean verifiedBy(TrustedKeys keys) {
        return keys.verify(keyId, signedText(), signature);
    }

    /** The Kafka key: the head is compacted to its latest; checkpoints stay, one key each. */
    public String recordKey() {
        return kind == Kind.HEAD ? "head" : kind == Kind.CHAIN_HEAD ? "head-" + sequence
                : "checkpoint-" + String.format("%012d", sequence);
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("kind", kind.name());
        node.put("topic", topic);
        node.put("sequence", sequence);
        node.put("records", heads.total());
        node.put("chains", heads.text());
        node.put("root", heads.root());
        node.put("previousCheckpoint", previousCheckpoint);
        node.put("sealedAt", sealedAt.toString());
        node.put("keyId", keyId);
        node.put("accepted", accepted);
        node.put("signature", signature == null ? null : Base64.getEncoder().encodeToString(signature));
        if (kind != Kind.CHAIN_HEAD) {
            // for people who check a checkpoint by hand; a chain's head is sealed with every decision, so it stays small
            node.put("signedText", signedText());
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a seal; the signed text is rebuilt from the fields, never taken from the JSON (nor are the record
     * count and root: they follow from the chains).
     */
    public static AuditSeal fromJson(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            return new AuditSeal(Kind.valueOf(n.get("kind").asText()), n.get("topic").asText(), n.get("sequence").asLong(),
                    TrailHeads.parse(n.get("chains").asText()), n.get("previousCheckpoint").asText(),
                    Instant.parse(n.get("sealedAt").asText()), n.get("keyId").asText(),
                    n.hasNonNull("accepted") ? n.get("accepted").asText() : null,
                    n.hasNonNull("signature") ? Base64.getDecoder().decode(n.get("signature").asText()) : null);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not an audit seal");
        }
    }
}
