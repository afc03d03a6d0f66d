package nl.iwa.hub.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Where every chain of the audit trail stands: one {@link AuditTrail.Head} per partition of the audit topic, in
 * partition order. Each partition is a hash chain of its own (records of one resident stay on one partition, so
 * one chain holds them in order); the {@link #root()} commits to all heads at once, so that one signed seal
 * vouches for the whole trail.
 */
public record TrailHeads(List<AuditTrail.Head> chains) {

    public TrailHeads {
        if (chains.isEmpty()) {
            throw new IllegalArgumentException("an audit trail has at least one chain");
        }
        chains = List.copyOf(chains);
    }

    /** {@code partitions} empty chains. */
    public static TrailHeads empty(int partitions) {
        List<AuditTrail.Head> heads = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            heads.add(AuditTrail.Head.EMPTY);
        }
        return new TrailHeads(heads);
    }

    public int partitions() {
        return chains.size();
    }

    public AuditTrail.Head chain(int partition) {
        return chains.get(partition);
    }

    /** The records of all chains together. */
    public long total() {
        return chains.stream().mapToLong(AuditTrail.Head::length).sum();
    }

    /**
     * The RFC 6962 Merkle root (hex) over one leaf per chain, {@code <partition>:<length>:<head hash>}: a change
     * to any chain's length or head changes it.
     */
    public String root() {
        List<byte[]> leaves = new ArrayList<>();
        for (int p = 0; p < chains.size(); p++) {
            leaves.add(leaf(p, chains.get(p)).getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(MerkleTree.root(leaves));
    }

    /** The heads as one line of text, {@code 0:<length>:<hash>,1:<length>:<hash>,...}, as seals sign them. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (int p = 0; p < chains.size(); p++) {
            out.append(p == 0 ? "" : ",").append(leaf(p, chains.get(p)));
        }
        return out.toString();
    }

    /** Reads {@link #text()}; the partitions must be 0, 1, ... in order. */
    public static TrailHeads parse(String text) {
        List<AuditTrail.Head> heads = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] f = part.split(":");
            if (f.length != 3 || Integer.parseInt(f[0]) != heads.size() || !f[2].matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("not a list of chain heads");
            }
            heads.add(new AuditTrail.Head(f[2], Long.parseLong(f[1])));
        }
        return new TrailHeads(heads);
    }

    private static String leaf(int partition, AuditTrail.Head head) {
        return partition + ":" + head.length() + ":" + head.hash();
    }
}
