package nl.iwa.hub.minimise;

import java.util.List;
import nl.iwa.hub.contract.common.CaseFacts;
import nl.iwa.hub.contract.common.Subject;

/** What the receiver gets, and the names (never values) of what was delivered and removed. */
public record MinimisedContent(Subject subject, CaseFacts facts, List<String> fieldsDelivered, List<String> fieldsRemoved) {
}
