package nl.iwa.hub.ops.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the demo partners sent, by message id, until its outcome shows up in an inbox: the hub names the
 * outbox message in every delivery (causationId) and rejection (rejectedMessageId). Bounded, so that messages
 * whose outcome never comes (a crash, an unanswered consent) do not pile up.
 */
public final class SentLedger {

    private final Map<String, Flow> pending;

    public SentLedger(int capacity) {
        this.pending = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Flow> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized void sent(String messageId, Flow flow) {
        pending.put(messageId, flow);
    }

    /** The flow of a message whose outcome has arrived; empty when unknown or already settled (a duplicate). */
    public synchronized Optional<Flow> settle(String messageId) {
        return messageId == null ? Optional.empty() : Optional.ofNullable(pending.remove(messageId));
    }

    public synchronized int pending() {
        return pending.size();
    }
}
