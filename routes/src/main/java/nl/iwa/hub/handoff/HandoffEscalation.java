package nl.iwa.hub.handoff;

import java.util.List;
import nl.iwa.hub.contract.handoff.HandoffRecord;
import nl.iwa.hub.contract.inbox.EscalationLevel;

/**
 * A handoff missed its deadline: the ladder levels now due and whom each one notifies.
 *
 * @param record      the handoff, with the levels recorded as fired
 * @param levels      the levels fired now, in ladder order
 * @param notices     one per level and partner to notify
 * @param responsible the partner whose step is awaited
 */
public record HandoffEscalation(HandoffRecord record, List<EscalationLevel> levels, List<Notice> notices, String responsible) {

    public record Notice(EscalationLevel level, String to) {
    }
}
