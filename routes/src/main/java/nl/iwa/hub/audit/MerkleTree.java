package nl.iwa.hub.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The Merkle tree hash of RFC 6962 (Certificate Transparency, section 2.1): SHA-256 over leaves prefixed 0x00 and
 * inner nodes prefixed 0x01, split at the largest power of two below the number of leaves. One root commits to
 * every leaf and its place, and a leaf can later be shown to be under a root with a short audit path, without the
 * other leaves. Taken as it is from that standard, so that anyone can recompute a root with a few lines of code.
 */
public final class MerkleTree {

    private MerkleTree() {
    }

    /** The root over {@code leaves} in order; the hash of nothing for no leaves. */
    public static byte[] root(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return sha256();
        }
        return root(leaves, 0, leaves.size());
    }

    private static byte[] root(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return sha256(new byte[] {0x00}, leaves.get(from));
        }
        int k = Integer.highestOneBit(n - 1);
        return sha256(new byte[] {0x01}, root(leaves, from, from + k), root(leaves, from + k, to));
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                sha.update(p);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
