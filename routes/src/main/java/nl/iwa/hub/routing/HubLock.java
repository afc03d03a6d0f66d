package nl.iwa.hub.routing;

import java.util.concurrent.Semaphore;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Serialises the hub's decide-and-write cycles. The outbox intake, the deadline clock and the delivery watch
 * run on different threads but share the handoff state and the audit hash chain, which needs one write order.
 * Each cycle is short, so one permit costs little and keeps both simple and correct. A semaphore, not a lock:
 * camel-kafka continues a route on its worker thread once the broker acknowledged a write, so the cycle may
 * end on another thread than the one it started on.
 */
@Component
public class HubLock {

    private final Semaphore permit = new Semaphore(1);

    public void acquire(Exchange exchange) throws InterruptedException {
        permit.acquire();
    }

    public void release(Exchange exchange) {
        permit.release();
    }
}
