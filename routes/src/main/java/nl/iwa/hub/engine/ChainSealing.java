package nl.iwa.hub.engine;

import java.time.Clock;
import nl.iwa.hub.audit.AuditSigningKey;

/**
 * How a decide task seals its chain: after each decision that added audit records, a head seal of its partition's
 * chain (signed with the hub's audit key, which broker administrators do not hold) in the same transaction, on the
 * compacted seal topic under {@code head-<partition>}; so the chain never ends in records nobody vouched for.
 */
public record ChainSealing(AuditSigningKey key, String trailTopic, String sealTopic, Clock clock) {
}
