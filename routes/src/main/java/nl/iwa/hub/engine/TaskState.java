package nl.iwa.hub.engine;

import nl.iwa.hub.consent.ConsentState;
import nl.iwa.hub.decision.PastDeliveries;
import nl.iwa.hub.handoff.HandoffLookup;
import nl.iwa.hub.handoff.HandoffState;
import nl.iwa.hub.involvement.InvolvementLedger;

/**
 * The state one decide task decides with, all of it in the task's stores: the consents, handoffs, involvement and
 * past deliveries of the residents whose pseudonyms hash to its partition.
 *
 * @param awaitingConsumption the requested handoffs whose delivery is placed on an inbox and not consumed yet (what
 *                            the delivery watch looks at)
 */
public record TaskState(ConsentState consents, HandoffState handoffs, InvolvementLedger involvement,
                        PastDeliveries pastDeliveries, HandoffLookup awaitingConsumption) {
}
