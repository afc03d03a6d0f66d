package nl.iwa.hub.audit;

import java.util.List;
import nl.iwa.hub.contract.audit.AuditRecord;

/**
 * Checks the audit hash chain: every record must link to the one before it and hash to what it says. A
 * changed record fails its own hash; a removed, inserted or reordered one breaks a link.
 */
public final class AuditVerifier {

    private AuditVerifier() {
    }

    /** The outcome; {@code firstBrokenIndex} is the position in the checked list, -1 when intact. */
    public record Verification(long records, boolean intact, long firstBrokenIndex, String firstBrokenAuditId, String problem) {
    }

    /**
     * @param startsAtGenesis true when the list starts at the first record ever written; false when retention
     *                        removed the oldest records, in which case the first record's link is taken as given
     */
    public static Verification verify(List<AuditRecord> chain, boolean startsAtGenesis) {
        String expectedPrevious = startsAtGenesis || chain.isEmpty() ? AuditTrail.GENESIS : chain.get(0).getPreviousHash();
        for (int i = 0; i < chain.size(); i++) {
            AuditRecord r = chain.get(i);
            if (!expectedPrevious.equals(r.getPreviousHash())) {
                return broken(chain, i, "does not link to the record before it: a record was removed, inserted or reordered");
            }
            if (!AuditTrail.hashOf(r).equals(r.getHash())) {
                return broken(chain, i, "does not hash to its recorded hash: it was changed after it was written");
            }
            expectedPrevious = r.getHash();
        }
        return new Verification(chain.size(), true, -1, null, null);
    }

    private static Verification broken(List<AuditRecord> chain, int i, String problem) {
        return new Verification(chain.size(), false, i, chain.get(i).getAuditId(), "record " + i + " " + problem);
    }
}
