package nl.iwa.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import org.junit.jupiter.api.Test;

public class AuditTrailTest {

    public static AuditRecord record(String id) {
        return AuditRecord.newBuilder().setAuditId(id).setRecordedAt(Instant.parse("2026-11-22T10:00:00Z"))
                .setDecision(Decision.DELIVERED).setMessageType("SIGNAL").setSenderPartnerId("housing-mijnstreek")
                .setSourceTopic("iwa.housing-mijnstreek.outbox").setSourcePartition(0).setSourceOffset(1)
                .setPreviousHash("").setHash("").build();
    }

    @Test
    void recordsLinkToTheLastWrittenRecord() {
        AuditTrail trail = new AuditTrail(AuditTrail.Head.EMPTY);

        AuditRecord first = trail.seal(record("a"));
        trail.written(first);
        AuditRecord second = trail.seal(record("b"));

        assertThat(first.getPreviousHash()).isEqualTo(AuditTrail.GENESIS);
        assertThat(second.getPreviousHash()).isEqualTo(first.getHash());
        assertThat(AuditTrail.hashOf(second)).isEqualTo(second.getHash());
    }

    @Test
    void aFailedWriteDoesNotAdvanceTheChain() {
        AuditTrail trail = new AuditTrail(AuditTrail.Head.EMPTY);

        AuditRecord unwritten = trail.seal(record("a"));
        AuditRecord retried = trail.seal(record("b"));

        assertThat(retried.getPreviousHash()).isEqualTo(AuditTrail.GENESIS).isEqualTo(unwritten.getPreviousHash());
    }

    @Test
    void anyChangeToARecordChangesItsHash() {
        AuditRecord sealed = new AuditTrail(AuditTrail.Head.EMPTY).seal(record("a"));

        AuditRecord tampered = AuditRecord.newBuilder(sealed).setReceiverPartnerId("someone-else").build();

        assertThat(AuditTrail.hashOf(tampered)).isNotEqualTo(sealed.getHash());
    }

    @Test
    void aRecordWrittenBeforeTheActorFieldVerifiesTheSameAfterIt() throws Exception {
        // the hash as the hub computed it before the actor field existed: the record without that field
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(AuditRecord.getClassSchema().toString());
        com.fasterxml.jackson.databind.node.ArrayNode fields = (com.fasterxml.jackson.databind.node.ArrayNode) json.get("fields");
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (fields.get(i).get("name").asText().equals("actor")) {
                fields.remove(i);
            }
        }
        org.apache.avro.Schema before = new org.apache.avro.Schema.Parser().parse(json.toString());
        AuditRecord old = record("a");
        old.setPreviousHash(AuditTrail.GENESIS);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
        new org.apache.avro.specific.SpecificDatumWriter<AuditRecord>(before).write(AuditRecord.newBuilder(old).setHash("").build(), encoder);
        encoder.flush();
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update(AuditTrail.GENESIS.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String asBefore = java.util.HexFormat.of().formatHex(sha.digest(out.toByteArray()));

        assertThat(AuditTrail.hashOf(old)).isEqualTo(asBefore);
    }

    @Test
    void theActorOfAPersonsActionIsCoveredByTheHash() {
        AuditRecord replay = record("a");
        replay.setDecision(Decision.REPLAYED);
        replay.setActor("ops");
        replay.setPreviousHash(AuditTrail.GENESIS);
        String hash = AuditTrail.hashOf(replay);

        replay.setActor("someone-else");

        assertThat(AuditTrail.hashOf(replay)).isNotEqualTo(hash);
    }
}
