package nl.iwa.hub.routing;

import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Serialises the hub's decide-and-write cycles. The outbox intake, the deadline clock and the delivery watch
 * run on different threads but share the handoff state and the audit hash chain, which needs one write order.
 * Each cycle is short, so one lock costs little and keeps both simple and correct.
 */
@Component
public class HubLock {

    private final ReentrantLock lock = new ReentrantLock();

    public void acquire(Exchange exchange) {
        lock.lock();
    }

    public void release(Exchange exchange) {
        if (lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }
}
