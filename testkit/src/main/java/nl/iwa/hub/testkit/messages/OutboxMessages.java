package nl.iwa.hub.testkit.messages;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import nl.iwa.hub.contract.outbox.OutboxMessage;

/** Outbox envelopes as partner systems fill them in: fresh opaque ids, the case's correlation id, the body. */
public final class OutboxMessages {

    private OutboxMessages() {
    }

    /** A message with fresh message and correlation ids, occurred and sent now; callers may change any of it. */
    public static OutboxMessage.Builder envelope(String sender, String receiver, String purpose, Object body) {
        Instant now = Instant.now();
        return OutboxMessage.newBuilder()
                .setMessageId(UUID.randomUUID().toString())
                .setCorrelationId(UUID.randomUUID().toString())
                .setSenderPartnerId(sender)
                .setReceiverPartnerId(receiver)
                .setPurpose(purpose)
                .setOccurredAt(now)
                .setSentAt(now)
                .setBody(body);
    }

    /**
     * A message of case {@code correlationId} whose event happened a while (1 to 119 minutes) before it was sent, as
     * with a partner system that sends what its users recorded in batches: the demo's and the benchmark's traffic.
     */
    public static OutboxMessage inCase(String sender, String receiver, String purpose, String correlationId, Object body) {
        OutboxMessage.Builder m = envelope(sender, receiver, purpose, body).setCorrelationId(correlationId);
        return m.setOccurredAt(m.getSentAt().minus(ThreadLocalRandom.current().nextInt(1, 120), ChronoUnit.MINUTES)).build();
    }
}
