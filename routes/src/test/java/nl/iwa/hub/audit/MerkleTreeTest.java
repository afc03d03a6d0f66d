package nl.iwa.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RFC 6962 tree hash the seals commit with, against the standard's definition and known values. */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void matchesTheCertificateTransparencyValuesForNoLeafAndOneEmptyLeaf() {
        assertThat(HEX.formatHex(MerkleTree.root(List.of())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(HEX.formatHex(MerkleTree.root(List.of(new byte[0]))))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    @Test
    void threeLeavesSplitAtTheLargestPowerOfTwoBelow() throws Exception {
        byte[] a = "a".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "b".getBytes(StandardCharsets.US_ASCII);
        byte[] c = "c".getBytes(StandardCharsets.US_ASCII);
        byte[] expected = node(node(leaf(a), leaf(b)), leaf(c));

        assertThat(MerkleTree.root(List.of(a, b, c))).isEqualTo(expected);
        assertThat(MerkleTree.root(List.of(a, c, b))).as("order counts").isNotEqualTo(expected);
    }

    @Test
    void theHeadsTextReadsBackAndAnyChangedHeadChangesTheRoot() {
        String h = "ab".repeat(32);
        TrailHeads heads = new TrailHeads(List.of(new AuditTrail.Head(h, 4), AuditTrail.Head.EMPTY));

        assertThat(TrailHeads.parse(heads.text())).isEqualTo(heads);
        assertThat(heads.total()).isEqualTo(4);
        assertThat(new TrailHeads(List.of(new AuditTrail.Head(h, 5), AuditTrail.Head.EMPTY)).root()).isNotEqualTo(heads.root());
        assertThat(new TrailHeads(List.of(AuditTrail.Head.EMPTY, new AuditTrail.Head(h, 4))).root()).isNotEqualTo(heads.root());
        assertThatThrownBy(() -> TrailHeads.parse("1:4:" + h)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrailHeads.parse("0:4:not-a-hash")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] leaf(byte[] data) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((byte) 0x00);
        return sha.digest(data);
    }

    private static byte[] node(byte[] left, byte[] right) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((byte) 0x01);
        sha.update(left);
        return sha.digest(right);
    }
}
