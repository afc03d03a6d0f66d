package nl.iwa.hub.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.iwa.hub.audit.kafka.AuditIndex;
import nl.iwa.hub.contract.audit.AuditRecord;
import nl.iwa.hub.contract.audit.Decision;
import nl.iwa.hub.decision.PastDeliveries;
import nl.iwa.hub.involvement.InvolvementLedger;
import nl.iwa.hub.involvement.InvolvingFlow;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What the decisions of one task need from its audit chain, kept in its stores as the records are written: the
 * flows delivered about each resident (involvement), each resident's coordinator, and the deliveries made under each
 * consent (who hears of a withdrawal), taken from the audit records that add them ({@link AuditIndex#isInvolving}), the
 * same ones the import of the classic engine's state reads ({@link ImportCommands}).
 */
final class StoredInvolvement implements InvolvementLedger, PastDeliveries {

    private final KeyValueStore<String, InvolvingFlow> flows;
    private final KeyValueStore<String, String> coordinators;
    private final KeyValueStore<String, PastDeliveries.Delivery> underConsent;
    private final StoredHandoffs handoffs;

    StoredInvolvement(KeyValueStore<String, InvolvingFlow> flows, KeyValueStore<String, String> coordinators,
                      KeyValueStore<String, PastDeliveries.Delivery> underConsent, StoredHandoffs handoffs) {
        this.flows = flows;
        this.coordinators = coordinators;
        this.underConsent = underConsent;
        this.handoffs = handoffs;
    }

    /** A delivery made under a consent: who hears of its withdrawal. */
    static boolean deliveredUnderConsent(AuditRecord r) {
        return r.getDecision() == Decision.DELIVERED && r.getConsentReference() != null;
    }

    /** A resident's coordinator was set or released. */
    static boolean changesCoordinator(AuditRecord r) {
        return r.getDecision() == Decision.COORDINATOR_CHANGED && r.getSubjectPseudonym() != null;
    }

    /** An audit record this task wrote: the facts it adds. */
    void written(AuditRecord r) {
        if (deliveredUnderConsent(r)) {
            underConsent.put(StoreKeys.of(r.getConsentReference(), r.getAuditId()),
                    new PastDeliveries.Delivery(r.getSenderPartnerId(), r.getMessageId(), r.getReceiverPartnerId(), r.getCorrelationId()));
        }
        if (AuditIndex.isInvolving(r)) {
            flows.put(StoreKeys.of(r.getSubjectPseudonym(), StoreKeys.of(StoreKeys.time(r.getRecordedAt()), r.getAuditId())),
                    AuditIndex.involving(r));
        }
        if (changesCoordinator(r)) {
            if (r.getReceiverPartnerId() == null) {
                coordinators.delete(r.getSubjectPseudonym());
            } else {
                coordinators.put(r.getSubjectPseudonym(), r.getReceiverPartnerId());
            }
        }
    }

    /** Forgets the flows that make nobody involved any more; returns how many. */
    int forget(java.util.function.Predicate<InvolvingFlow> forgettable) {
        List<String> gone = new ArrayList<>();
        try (KeyValueIterator<String, InvolvingFlow> it = flows.all()) {
            it.forEachRemaining(kv -> {
                if (forgettable.test(kv.value)) {
                    gone.add(kv.key);
                }
            });
        }
        gone.forEach(flows::delete);
        return gone.size();
    }

    @Override
    public List<InvolvingFlow> about(String pseudonym) {
        List<InvolvingFlow> found = new ArrayList<>();
        try (KeyValueIterator<String, InvolvingFlow> it = flows.prefixScan(StoreKeys.of(pseudonym, ""), new StringSerializer())) {
            it.forEachRemaining(kv -> found.add(kv.value));
        }
        return found;
    }

    @Override
    public boolean handoffOpen(InvolvingFlow flow) {
        return flow.messageId() != null && handoffs.openByRequest(flow.senderPartnerId(), flow.messageId());
    }

    @Override
    public Optional<String> coordinatorOf(String pseudonym) {
        return Optional.ofNullable(coordinators.get(pseudonym));
    }

    @Override
    public List<Delivery> under(String consentId) {
        List<Delivery> found = new ArrayList<>();
        try (KeyValueIterator<String, Delivery> it = underConsent.prefixScan(StoreKeys.of(consentId, ""), new StringSerializer())) {
            it.forEachRemaining(kv -> found.add(kv.value));
        }
        return found;
    }
}
